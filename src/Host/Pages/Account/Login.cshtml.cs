using System.ComponentModel.DataAnnotations;
using Codex.Host.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Codex.Host.Pages.Account;

[EnableRateLimiting("login")]
public sealed class LoginModel(SignInGuard guard, IStringLocalizer<SharedTexts> texts) : PageModel
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

        // The same answer and the same work for unknown and known addresses; failures slow down
        // further attempts (SignInGuard) instead of locking the owner out.
        var attempt = await guard.PasswordSignInAsync(Input.Email, Input.Password, Input.RememberMe, HttpContext);
        if (attempt.RetryAfter is { } wait)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
            ErrorMessage = minutes == 1 ? texts["Login.TooManyAttempts.One"] : texts["Login.TooManyAttempts", minutes];
            Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new PageResult { StatusCode = StatusCodes.Status429TooManyRequests };
        }

        var result = attempt.Result;
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
        ErrorMessage = texts["Login.Failed"];
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
