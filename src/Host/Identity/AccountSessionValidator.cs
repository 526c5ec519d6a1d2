using System.Runtime.ExceptionServices;
using System.Security.Claims;
using Codex.Shared.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Codex.Host.Identity;

/// <summary>
/// Checks every signed-in request against its server-side session and the account with one small
/// query: an ended or expired session (signed out, ended on the sessions page or by an
/// administrator, past its absolute lifetime), a changed security stamp (password changed or
/// reset, account deactivated), a deactivated or vanished account end the session at once; a
/// changed account version (roles granted or revoked) rebuilds the session's claims, so new rights
/// apply from the next request. Identity's own validator would reload the account, its claims and
/// roles on every request to do the same.
/// While the database is unreachable the session cannot be checked: the request is answered 503
/// (<see cref="AnswerOutageAsync"/>) and the session cookie is kept, so the person is still
/// signed in once the database is back.
/// </summary>
internal static class AccountSessionValidator
{
    public const string AccountVersionClaim = "codex:account-version";

    /// <summary>Set on a request answered 503 for an unchecked session: the outage page tells the person they stay signed in.</summary>
    public const string SessionKeptItem = "Codex.SessionKeptDuringOutage";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        try
        {
            await CheckAsync(context);
        }
        catch (Exception ex) when (DatabaseUnavailable.IsCausedBy(ex))
        {
            // Not thrown from here: authentication caches its outcome for the request, so the error
            // page re-executed for it would fail the same way and end as an empty 500. Unchecked, the
            // principal is not used (anonymous for this request), but the cookie stays.
            context.RejectPrincipal();
            context.HttpContext.Features.Set(new UncheckedSession(ExceptionDispatchInfo.Capture(ex)));
        }
    }

    private static async Task CheckAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        if (!Guid.TryParse(context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var accountId)
            || AccountSessions.IdOf(context.Principal) is not { } sessionId)
        {
            await RejectAsync(context);
            return;
        }

        var db = services.GetRequiredService<CodexIdentityDbContext>();
        var found = await (
                from s in db.Sessions.AsNoTracking()
                join a in db.Users.AsNoTracking() on s.AccountId equals a.Id
                where s.Id == sessionId && s.AccountId == accountId
                select new { a.SecurityStamp, a.ConcurrencyStamp, a.ActivatedAt, a.DeactivatedAt, s.EndedAt, s.ExpiresAt, s.LastSeenAt })
            .FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (found is null || !AccountSession.IsActive(found.EndedAt, found.ExpiresAt, now))
        {
            await RejectAsync(context);
            return;
        }

        if (found.DeactivatedAt is not null || found.ActivatedAt is null
            || found.SecurityStamp != context.Principal!.FindFirstValue(stampClaim))
        {
            // Whatever changed the stamp, this session is over: the sessions page no longer lists it.
            await db.Sessions.Where(s => s.Id == sessionId && s.EndedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), context.HttpContext.RequestAborted);
            await RejectAsync(context);
            return;
        }

        if (AccountSession.LastSeenIsStale(found.LastSeenAt, now))
        {
            await db.Sessions.Where(s => s.Id == sessionId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), context.HttpContext.RequestAborted);
        }

        if (found.ConcurrencyStamp != context.Principal!.FindFirstValue(AccountVersionClaim))
        {
            var signIn = services.GetRequiredService<SignInManager<CodexAccount>>();
            var user = await signIn.UserManager.FindByIdAsync(accountId.ToString());
            if (user is null)
            {
                await RejectAsync(context);
                return;
            }

            var principal = await signIn.CreateUserPrincipalAsync(user);
            ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(AccountSessions.SessionClaim, sessionId.ToString()));
            context.ReplacePrincipal(principal);
            context.ShouldRenew = true;
        }
    }

    /// <summary>
    /// Right after authentication: a session that could not be checked because the database is
    /// unreachable answers 503 through the error contract (problem details or the outage page),
    /// rather than going on as an anonymous request (a redirect to the sign-in page). The health
    /// checks are left alone: they answer for the database themselves.
    /// </summary>
    public static Task AnswerOutageAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Features.Get<UncheckedSession>() is { } session && !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
        {
            // Once: the error page re-executed for it runs this middleware again.
            context.Features.Set<UncheckedSession>(null);
            context.Items[SessionKeptItem] = true;
            session.Outage.Throw();
        }

        return next(context);
    }

    private sealed record UncheckedSession(ExceptionDispatchInfo Outage);

    /// <summary>
    /// Every sign-in gets its server-side session here, whichever way it happened (password,
    /// two-factor, single sign-on, a refresh after a password change, which replaces the old one).
    /// </summary>
    public static async Task StartSessionAsync(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity
            || !Guid.TryParse(identity.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var accountId))
        {
            return;
        }

        var sessions = context.HttpContext.RequestServices.GetRequiredService<AccountSessions>();
        var current = context.HttpContext.User;
        if (AccountSessions.IdOf(current) is { } previous
            && current.FindFirstValue(ClaimTypes.NameIdentifier) == accountId.ToString())
        {
            await sessions.EndAsync(accountId, previous, context.HttpContext.RequestAborted);
        }

        foreach (var stale in identity.FindAll(AccountSessions.SessionClaim).ToList())
        {
            identity.RemoveClaim(stale);
        }

        var session = await sessions.StartAsync(accountId, context.HttpContext.Request.Headers.UserAgent.ToString(), context.HttpContext.RequestAborted);
        identity.AddClaim(new Claim(AccountSessions.SessionClaim, session.Id.ToString()));
        // The cookie never outlives the session's absolute end, even with "stay signed in".
        if (context.Properties.ExpiresUtc is null || context.Properties.ExpiresUtc > session.ExpiresAt)
        {
            context.Properties.ExpiresUtc = session.ExpiresAt;
        }
    }

    /// <summary>Signing out ends the session on the server: a copy of the cookie is refused afterwards.</summary>
    public static async Task EndSessionAsync(CookieSigningOutContext context)
    {
        var user = context.HttpContext.User;
        if (AccountSessions.IdOf(user) is { } sessionId && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var accountId))
        {
            await context.HttpContext.RequestServices.GetRequiredService<AccountSessions>()
                .EndAsync(accountId, sessionId, context.HttpContext.RequestAborted);
        }
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
