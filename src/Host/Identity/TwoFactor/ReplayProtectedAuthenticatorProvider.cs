using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Codex.Host.Identity.TwoFactor;

/// <summary>
/// Identity's authenticator token provider with two changes an IT department asks for: a code is
/// accepted once only (the last accepted time step is kept per account in AspNetUserTokens), and
/// only one step of clock skew either way (Identity's own provider accepts ±2 steps and replays).
/// Registered as the authenticator provider, so <c>TwoFactorAuthenticatorSignInAsync</c> and
/// <c>VerifyTwoFactorTokenAsync</c> use it.
/// </summary>
internal sealed class ReplayProtectedAuthenticatorProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<CodexAccount>
{
    public const string Name = "CodexAuthenticator";
    public const string TokenLoginProvider = "[Codex]";
    public const string LastStepTokenName = "AuthenticatorLastStep";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<CodexAccount> manager, CodexAccount user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>Codes come from the person's app, never from the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<CodexAccount> manager, CodexAccount user) =>
        Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<CodexAccount> manager, CodexAccount user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || Totp.Normalise(token) is not { } code)
        {
            return false;
        }

        var secret = Totp.DecodeKey(key);
        var now = Totp.StepAt(clock.GetUtcNow());
        var lastText = await manager.GetAuthenticationTokenAsync(user, TokenLoginProvider, LastStepTokenName);
        var last = long.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : long.MinValue;
        for (var step = now - Totp.AllowedSkewSteps; step <= now + Totp.AllowedSkewSteps; step++)
        {
            // A step at or before the last accepted one is a replay (or an older code seen over a shoulder).
            if (step > last && CryptographicOperations.FixedTimeEquals(
                    Encoding.ASCII.GetBytes(Totp.Code(secret, step)), Encoding.ASCII.GetBytes(code)))
            {
                // Saved with the account's concurrency stamp: of two requests racing with one code, one fails.
                var saved = await manager.SetAuthenticationTokenAsync(
                    user, TokenLoginProvider, LastStepTokenName, step.ToString(CultureInfo.InvariantCulture));
                return saved.Succeeded;
            }
        }

        return false;
    }
}
