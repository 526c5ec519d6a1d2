using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Host.Identity.Features.SignOutEverywhere;

/// <summary>
/// An administrator ends every session of a person at once (a lost phone, a shared computer):
/// each device is asked to sign in again on its next request. Audited.
/// </summary>
[RequiresRole(CodexRoles.Admin)]
public sealed record SignOutEverywhereCommand(Guid PersonId) : IRequest<int>;

internal sealed class SignOutEverywhereCommandValidator : AbstractValidator<SignOutEverywhereCommand>
{
    public SignOutEverywhereCommandValidator() => RuleFor(c => c.PersonId).NotEmpty();
}

/// <returns>How many sessions were open.</returns>
internal sealed class SignOutEverywhereCommandHandler(
    CodexIdentityDbContext db, AccountSessions sessions, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<SignOutEverywhereCommand, int>
{
    public async Task<int> Handle(SignOutEverywhereCommand command, CancellationToken ct)
    {
        var account = await db.Users.FirstOrDefaultAsync(a => a.PersonId == command.PersonId, ct)
            ?? throw new NotFoundException("Account", command.PersonId);
        var ended = await sessions.EndAllAsync(account.Id, ct: ct);
        db.AuditEntries.Add(AccountAuditEntry.Record(
            clock.GetUtcNow(), currentUser.PersonId, currentUser.Name ?? "", account, AccountAuditAction.SignedOutEverywhere));
        await db.SaveChangesAsync(ct);
        return ended;
    }
}
