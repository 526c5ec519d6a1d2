using System.Security.Claims;
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
/// </summary>
internal static class AccountSessionValidator
{
    public const string AccountVersionClaim = "codex:account-version";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
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

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
