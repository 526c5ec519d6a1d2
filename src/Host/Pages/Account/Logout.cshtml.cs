using Codex.Host.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Codex.Host.Pages.Account;

public sealed class LogoutModel(SignInManager<CodexAccount> signIn, IOptions<SingleSignOnOptions> singleSignOn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // Signed in through the provider: its session ends too (RP-initiated logout with id_token_hint).
        var idToken = singleSignOn.Value.IsEnabled
            ? await HttpContext.GetTokenAsync(IdentityConstants.ApplicationScheme, "id_token")
            : null;
        await signIn.SignOutAsync();
        if (idToken is not null)
        {
            var properties = new AuthenticationProperties { RedirectUri = Url.Page("Logout") };
            properties.Items[SingleSignOnSetup.IdTokenHintItem] = idToken;
            return SignOut(properties, SingleSignOnSetup.Scheme);
        }
        return RedirectToPage();
    }
}
