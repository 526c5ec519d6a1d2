using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Host.Identity.Features.CheckInvitation;

/// <summary>What an invitation link leads to, before the person types a password.</summary>
public sealed record CheckInvitationQuery(string Token) : IRequest<InvitationCheck>;

/// <param name="State">Null when no invitation has this token.</param>
public sealed record InvitationCheck(InvitationState? State, string? DisplayName, string? Email);

internal sealed class CheckInvitationQueryHandler(CodexIdentityDbContext db, TimeProvider clock)
    : IRequestHandler<CheckInvitationQuery, InvitationCheck>
{
    public async Task<InvitationCheck> Handle(CheckInvitationQuery query, CancellationToken ct)
    {
        var hash = AccountInvitation.Hash(query.Token);
        var found = await db.Invitations.AsNoTracking()
            .Where(i => i.TokenHash == hash)
            .Join(db.Users, i => i.AccountId, a => a.Id, (i, a) => new { Invitation = i, a.DisplayName, a.Email })
            .FirstOrDefaultAsync(ct);
        return found is null
            ? new InvitationCheck(null, null, null)
            : new InvitationCheck(found.Invitation.StateAt(clock.GetUtcNow()), found.DisplayName, found.Email);
    }
}
