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
/// Checks every signed-in request against the account with one small query: a changed security
/// stamp (password changed or reset, account deactivated), a deactivated or vanished account ends
/// the session at once; a changed account version (roles granted or revoked) rebuilds the
/// session's claims, so new rights apply from the next request. Identity's own validator would
/// reload the account, its claims and roles on every request to do the same.
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
        if (!Guid.TryParse(context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var accountId))
        {
            await RejectAsync(context);
            return;
        }

        var account = await services.GetRequiredService<CodexIdentityDbContext>().Users.AsNoTracking()
            .Where(a => a.Id == accountId)
            .Select(a => new { a.SecurityStamp, a.ConcurrencyStamp, a.ActivatedAt, a.DeactivatedAt })
            .FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        if (account is null || account.DeactivatedAt is not null || account.ActivatedAt is null
            || account.SecurityStamp != context.Principal!.FindFirstValue(stampClaim))
        {
            await RejectAsync(context);
            return;
        }

        if (account.ConcurrencyStamp != context.Principal!.FindFirstValue(AccountVersionClaim))
        {
            var signIn = services.GetRequiredService<SignInManager<CodexAccount>>();
            var user = await signIn.UserManager.FindByIdAsync(accountId.ToString());
            if (user is null)
            {
                await RejectAsync(context);
                return;
            }

            context.ReplacePrincipal(await signIn.CreateUserPrincipalAsync(user));
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
        if (context.Features.Get<UncheckedSession>() is { } session && !context.Request.Path.StartsWithSegments("/health"))
        {
            // Once: the error page re-executed for it runs this middleware again.
            context.Features.Set<UncheckedSession>(null);
            context.Items[SessionKeptItem] = true;
            session.Outage.Throw();
        }

        return next(context);
    }

    private sealed record UncheckedSession(ExceptionDispatchInfo Outage);

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
