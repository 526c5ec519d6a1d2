using Codex.Host.Identity;
using Codex.Host.Identity.Features.ChangePassword;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Codex.Host.Pages.Me;

public sealed class PasswordModel(IMediator mediator, SignInManager<CodexAccount> signIn, IStringLocalizer<SharedTexts> texts) : PageModel
{
    [BindProperty]
    public string CurrentPassword { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty]
    public string PasswordRepeat { get; set; } = "";

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Password != PasswordRepeat)
        {
            Errors = [texts["Password.Mismatch"]];
            return Page();
        }

        if (string.IsNullOrEmpty(CurrentPassword))
        {
            Errors = [texts["Password.CurrentWrong"]];
            return Page();
        }

        Errors = await mediator.Send(new ChangePasswordCommand(CurrentPassword, Password ?? ""), ct);
        if (Errors.Count == 0)
        {
            // The new security stamp ends every other session; this one gets a fresh cookie.
            var account = await signIn.UserManager.GetUserAsync(User);
            await signIn.RefreshSignInAsync(account!);
            Done = true;
        }

        return Page();
    }
}
