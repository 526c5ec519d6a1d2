using System.ComponentModel.DataAnnotations;
using Codex.Host.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Codex.Host.Pages.Account;

[EnableRateLimiting("login")]
public sealed class LoginModel(SignInManager<CodexAccount> signIn, IStringLocalizer<SharedTexts> texts) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? ErrorMessage { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Email) || string.IsNullOrWhiteSpace(Input.Password))
        {
            ErrorMessage = texts["Login.Missing"];
            return Page();
        }

        // Lockout counts failures per account (5 attempts, then 10 minutes).
        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        // Two-factor accounts: the password was right, the code is asked on its own page.
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null, Input.RememberMe });
        }

        // Not allowed (invited but not activated, or deactivated) reads like a wrong password: the
        // page does not tell a stranger which addresses have accounts.
        ErrorMessage = result.IsLockedOut ? texts["Login.LockedOut"] : texts["Login.Failed"];
        return Page();
    }

    public sealed class LoginInput
    {
        [DataType(DataType.EmailAddress)]
        public string Email { get; set; } = "";

        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }
}
