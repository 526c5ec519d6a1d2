using Microsoft.AspNetCore.Identity;

namespace Codex.Host.Identity;

/// <summary>The outcome of a password sign-in: Identity's result, or the wait a throttled attempt must keep.</summary>
public sealed record SignInAttempt(SignInResult Result, TimeSpan? RetryAfter)
{
    public bool IsThrottled => RetryAfter is not null;
}

/// <summary>
/// Password sign-in that tells a stranger nothing: an unknown address, an invited or deactivated
/// account and a wrong password cost the same password-hash check and get the same answer; failed
/// attempts are slowed down by <see cref="SignInThrottle"/> rather than locking the owner out.
/// Each attempt is a security event in the log (account id, never the address); the start of a
/// delay for a known account is also written to the account audit.
/// </summary>
public sealed partial class SignInGuard(
    SignInManager<CodexAccount> signIn,
    SignInThrottle throttle,
    ILookupNormalizer normalizer,
    CodexIdentityDbContext db,
    TimeProvider clock,
    ILogger<SignInGuard> logger)
{
    private static readonly Lock DummyLock = new();
    private static string? _dummyHash;

    public async Task<SignInAttempt> PasswordSignInAsync(string email, string password, bool remember, HttpContext http)
    {
        var accountKey = SignInThrottle.AccountKey(normalizer, email);
        var networkKey = SignInThrottle.NetworkKey(http);
        var account = await signIn.UserManager.FindByNameAsync(email.Trim());
        if (throttle.WaitFor(accountKey, networkKey) is { } wait)
        {
            LogThrottled(logger, account?.Id, (int)Math.Ceiling(wait.TotalSeconds));
            return new SignInAttempt(SignInResult.Failed, wait);
        }

        SignInResult result;
        if (account is null || account.Status != AccountStatus.Active || account.PasswordHash is null)
        {
            // The same work as a wrong password for a real account, so the time does not tell.
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(new CodexAccount(), DummyHash(signIn.UserManager.PasswordHasher), password);
            result = SignInResult.Failed;
        }
        else
        {
            result = await signIn.PasswordSignInAsync(account, password, remember, lockoutOnFailure: false);
        }

        if (result.Succeeded || result.RequiresTwoFactor)
        {
            throttle.Succeeded(accountKey);
            LogSucceeded(logger, account!.Id);
            return new SignInAttempt(result, null);
        }

        var delay = throttle.RecordFailure(accountKey, networkKey);
        LogFailed(logger, account?.Id, (int)delay.TotalSeconds);
        if (account is not null && delay > TimeSpan.Zero && delay <= TimeSpan.FromSeconds(2))
        {
            // The first delay for this account: worth an entry where administrators look.
            db.AuditEntries.Add(AccountAuditEntry.Record(clock.GetUtcNow(), null, "system", account, AccountAuditAction.SignInThrottled));
            await db.SaveChangesAsync(http.RequestAborted);
        }

        return new SignInAttempt(result, null);
    }

    private static string DummyHash(IPasswordHasher<CodexAccount> hasher)
    {
        lock (DummyLock)
        {
            return _dummyHash ??= hasher.HashPassword(new CodexAccount(), Guid.NewGuid().ToString("N"));
        }
    }

    [LoggerMessage(EventId = 4100, EventName = "SignInSucceeded", Level = LogLevel.Information, Message = "Sign-in of account {AccountId} succeeded")]
    private static partial void LogSucceeded(ILogger logger, Guid accountId);

    [LoggerMessage(EventId = 4101, EventName = "SignInFailed", Level = LogLevel.Warning, Message = "Sign-in failed for account {AccountId}; next attempt delayed by {DelaySeconds} s")]
    private static partial void LogFailed(ILogger logger, Guid? accountId, int delaySeconds);

    [LoggerMessage(EventId = 4102, EventName = "SignInThrottled", Level = LogLevel.Warning, Message = "Sign-in attempt for account {AccountId} refused: {RetryAfterSeconds} s to wait")]
    private static partial void LogThrottled(ILogger logger, Guid? accountId, int retryAfterSeconds);
}
