using Codex.Host.Identity;
using Codex.Host.Identity.Features.ResetTwoFactor;
using Codex.Host.Identity.TwoFactor;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace Codex.Host.Pages.Me;

/// <summary>
/// Two-factor sign-in with an authenticator app: scan the QR code (or type the key), confirm with a
/// first code, keep the ten recovery codes shown once; later renew the codes or switch it off, each
/// after entering the password again.
/// </summary>
public sealed class TwoFactorModel(
    SignInManager<CodexAccount> signIn, IUserStore<CodexAccount> store, CodexIdentityDbContext db, TwoFactorSettings settings, TimeProvider clock, IStringLocalizer<SharedTexts> texts)
    : PageModel
{
    public const int RecoveryCodeCount = 10;

    [BindProperty]
    public string Code { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    public bool Enabled { get; private set; }

    /// <summary>The person's role requires two-factor sign-in (it cannot be switched off).</summary>
    public bool Required { get; private set; }

    public string Key { get; private set; } = "";

    public string QrSvg { get; private set; } = "";

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>Shown once, right after they were made; never stored in readable form.</summary>
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Problem { get; private set; }

    private UserManager<CodexAccount> Users => signIn.UserManager;

    private IUserAuthenticatorKeyStore<CodexAccount> KeyStore => (IUserAuthenticatorKeyStore<CodexAccount>)store;

    public async Task<IActionResult> OnGetAsync()
    {
        var account = await AccountAsync();
        if (account is null)
        {
            return Challenge();
        }

        Message = TempData["Message"] as string;
        await LoadAsync(account);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var account = await AccountAsync();
        if (account is null)
        {
            return Challenge();
        }

        if (account.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        if (!await Users.VerifyTwoFactorTokenAsync(account, Users.Options.Tokens.AuthenticatorTokenProvider, Code ?? ""))
        {
            Problem = texts["TwoFactor.CodeWrong"];
            await LoadAsync(account);
            return Page();
        }

        await Users.SetTwoFactorEnabledAsync(account, true);
        NewRecoveryCodes = [.. await Users.GenerateNewTwoFactorRecoveryCodesAsync(account, RecoveryCodeCount) ?? []];
        await AuditAsync(account, AccountAuditAction.TwoFactorEnabled);
        await signIn.RefreshSignInAsync(account); // the new stamp; the session now counts as two-factor
        Message = texts["TwoFactor.EnabledNow"];
        await LoadAsync(account);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var account = await AccountAsync();
        if (account is null)
        {
            return Challenge();
        }

        if (!account.TwoFactorEnabled || !await Users.CheckPasswordAsync(account, Password ?? ""))
        {
            Problem = texts["Password.CurrentWrong"];
            await LoadAsync(account);
            return Page();
        }

        NewRecoveryCodes = [.. await Users.GenerateNewTwoFactorRecoveryCodesAsync(account, RecoveryCodeCount) ?? []];
        await AuditAsync(account, AccountAuditAction.RecoveryCodesRenewed);
        await signIn.RefreshSignInAsync(account);
        Message = texts["TwoFactor.CodesRenewed"];
        await LoadAsync(account);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var account = await AccountAsync();
        if (account is null)
        {
            return Challenge();
        }

        if (IsRequired())
        {
            Problem = texts["TwoFactor.RequiredCannotDisable"];
        }
        else if (!await Users.CheckPasswordAsync(account, Password ?? ""))
        {
            Problem = texts["Password.CurrentWrong"];
        }

        if (Problem is not null || !account.TwoFactorEnabled)
        {
            await LoadAsync(account);
            return Page();
        }

        await TwoFactorChanges.SwitchOffAsync(Users, account);
        await AuditAsync(account, AccountAuditAction.TwoFactorDisabled);
        await signIn.RefreshSignInAsync(account);
        TempData["Message"] = texts["TwoFactor.DisabledNow"].Value;
        return RedirectToPage();
    }

    private async Task<CodexAccount?> AccountAsync() => await Users.GetUserAsync(User);

    private bool IsRequired() => settings.RequiredRoles.Any(User.IsInRole);

    private async Task LoadAsync(CodexAccount account)
    {
        Enabled = account.TwoFactorEnabled;
        Required = IsRequired();
        if (Enabled)
        {
            RecoveryCodesLeft = await Users.CountRecoveryCodesAsync(account);
            return;
        }

        var key = await Users.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            // The first visit makes the key. Not with ResetAuthenticatorKeyAsync: its new security stamp
            // would end the person's other sessions merely because they looked at this page (switching
            // two-factor on, later, does end them).
            key = Users.GenerateNewAuthenticatorKey();
            await KeyStore.SetAuthenticatorKeyAsync(account, key, HttpContext.RequestAborted);
            await Users.UpdateAsync(account);
        }

        Key = Totp.Grouped(key);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(Totp.SetupUri("Codex", account.Email ?? account.UserName ?? "", key), QRCodeGenerator.ECCLevel.M);
        QrSvg = new SvgQRCode(data).GetGraphic(4);
    }

    private async Task AuditAsync(CodexAccount account, AccountAuditAction action)
    {
        db.AuditEntries.Add(AccountAuditEntry.Record(clock.GetUtcNow(), account.PersonId, account.DisplayName, account, action));
        await db.SaveChangesAsync();
    }
}
