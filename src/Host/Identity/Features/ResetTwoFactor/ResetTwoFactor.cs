using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Codex.Host.Identity.Features.ResetTwoFactor;

/// <summary>
/// An administrator switches off someone's two-factor sign-in (lost phone): the authenticator key
/// and the recovery codes are replaced, every session of that account ends (new security stamp),
/// and remembered devices no longer skip the second step. Audited. Where the organisation requires
/// two-factor for the person's role, they set it up again at their next sign-in.
/// </summary>
[RequiresRole(CodexRoles.Admin)]
public sealed record ResetTwoFactorCommand(Guid PersonId) : IRequest<Unit>;

internal sealed class ResetTwoFactorCommandValidator : AbstractValidator<ResetTwoFactorCommand>
{
    public ResetTwoFactorCommandValidator() => RuleFor(c => c.PersonId).NotEmpty();
}

internal sealed class ResetTwoFactorCommandHandler(
    CodexIdentityDbContext db, UserManager<CodexAccount> users, AccountSessions sessions, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<ResetTwoFactorCommand, Unit>
{
    public async Task<Unit> Handle(ResetTwoFactorCommand command, CancellationToken ct)
    {
        var account = await db.Users.FirstOrDefaultAsync(a => a.PersonId == command.PersonId, ct)
            ?? throw new NotFoundException("Account", command.PersonId);
        await TwoFactorChanges.SwitchOffAsync(users, account);
        // Ended now, not at their next request: the sessions page no longer lists them either.
        await sessions.EndAllAsync(account.Id, ct: ct);

        var actor = await db.Users.AsNoTracking().Where(a => a.PersonId == currentUser.PersonId).Select(a => a.DisplayName).FirstOrDefaultAsync(ct);
        db.AuditEntries.Add(AccountAuditEntry.Record(
            clock.GetUtcNow(), currentUser.PersonId, actor ?? currentUser.Name ?? "", account, AccountAuditAction.TwoFactorReset));
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}

/// <summary>What switching two-factor off means, for the person themself and for an admin's reset.</summary>
internal static class TwoFactorChanges
{
    public static async Task SwitchOffAsync(UserManager<CodexAccount> users, CodexAccount account)
    {
        Check(await users.SetTwoFactorEnabledAsync(account, false), account);
        // A new key (the old one in the lost phone is worthless) and no recovery codes left;
        // ResetAuthenticatorKeyAsync also gives the account a new security stamp: every session ends.
        Check(await users.ResetAuthenticatorKeyAsync(account), account);
        Check(await users.RemoveAuthenticationTokenAsync(account, "[AspNetUserStore]", "RecoveryCodes"), account);
        Check(await users.RemoveAuthenticationTokenAsync(
            account, TwoFactor.ReplayProtectedAuthenticatorProvider.TokenLoginProvider, TwoFactor.ReplayProtectedAuthenticatorProvider.LastStepTokenName), account);
        Check(await users.UpdateSecurityStampAsync(account), account);
    }

    private static void Check(IdentityResult result, CodexAccount account)
    {
        if (!result.Succeeded)
        {
            throw new ConcurrencyConflictException("Account", account.PersonId);
        }
    }
}

internal static class ResetTwoFactorEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/accounts/{personId:guid}/two-factor", async (Guid personId, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new ResetTwoFactorCommand(personId), ct);
            return Results.NoContent();
        })
            .WithName("resetTwoFactor")
            .WithSummary("Switch off a person's two-factor sign-in");
}
