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
public sealed class LoginWith2faModel(SignInManager<CodexAccount> signIn, TwoFactorSettings settings, SignInThrottle throttle, IStringLocalizer<SharedTexts> texts) : PageModel
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
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } account)
        {
            // The step's cookie expired (5 minutes) or was never there: start again with the password.
            return RedirectToPage("/Account/Login");
        }

        // Guessing codes is slowed down like guessing passwords (no hard lockout: see SignInThrottle),
        // counted apart from the password so that knowing it does not buy more guesses.
        var accountKey = "two-factor:" + account.Id.ToString("N");
        var networkKey = SignInThrottle.NetworkKey(HttpContext);
        if (throttle.WaitFor(accountKey, networkKey) is { } wait)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
            ErrorMessage = minutes == 1 ? texts["Login.TooManyAttempts.One"] : texts["Login.TooManyAttempts", minutes];
            Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new PageResult { StatusCode = StatusCodes.Status429TooManyRequests };
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
            throttle.Succeeded(accountKey);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        throttle.RecordFailure(accountKey, networkKey);
        ErrorMessage = texts["TwoFactor.CodeWrong"];
        return Page();
    }
}
