using Codex.Host.Identity;
using Codex.Host.Identity.TwoFactor;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Codex.Host.Pages.Account;

/// <summary>
/// The second step of signing in, after a correct password: a code from the authenticator app
/// (each accepted once) or one of the recovery codes; the device can be remembered for
/// <c>Security:TwoFactor:RememberDeviceDays</c> days.
/// </summary>
[EnableRateLimiting("login")]
public sealed class LoginWith2faModel(SignInManager<CodexAccount> signIn, TwoFactorSettings settings, IStringLocalizer<SharedTexts> texts) : PageModel
{
    [BindProperty]
    public string Code { get; set; } = "";

    [BindProperty]
    public bool RememberDevice { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? ErrorMessage { get; private set; }

    public int RememberDeviceDays => settings.RememberDeviceDays;

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            // The step's cookie expired (5 minutes) or was never there: start again with the password.
            return RedirectToPage("/Account/Login");
        }

        var remember = RememberDevice && settings.RememberDeviceDays > 0;
        var code = (Code ?? "").Trim();
        var result = Totp.Normalise(code) is { } totp
            ? await signIn.TwoFactorAuthenticatorSignInAsync(totp, RememberMe, remember)
            : code.Length is > 0 and <= 20
                ? await signIn.TwoFactorRecoveryCodeSignInAsync(code.Replace(" ", "", StringComparison.Ordinal))
                : Microsoft.AspNetCore.Identity.SignInResult.Failed;
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        ErrorMessage = result.IsLockedOut ? texts["Login.LockedOut"] : texts["TwoFactor.CodeWrong"];
        return Page();
    }
}
