using Codex.Modules.Organization.Contracts;
using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Outbox;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Members;

/// <summary>
/// A person who left is a member of no unit here (no acknowledgement reminders, no future rounds) and
/// leaves every open round. Their proposals, comments, revisions and responses stay, with their name.
/// </summary>
internal sealed class PersonLeftListener(TeamCodexDbContext db, TimeProvider clock)
    : InboxListener<PersonLeftIntegrationEvent>(db, clock)
{
    protected override async Task ApplyAsync(PersonLeftIntegrationEvent e, CancellationToken cancellationToken)
    {
        db.UnitMembers.RemoveRange(await db.UnitMembers.Where(m => m.PersonId == e.PersonId).ToListAsync(cancellationToken));
        var rounds = await db.Rounds.Include(r => r.Participants)
            .Where(r => r.ClosedAt == null && r.Participants.Any(p => p.PersonId == e.PersonId))
            .ToListAsync(cancellationToken);
        foreach (var round in rounds)
        {
            round.RemoveParticipant(e.PersonId);
        }
    }
}

/// <summary>
/// A person came back: they are members of their units again (read from Organization, which kept them),
/// so the next round includes them. Rounds that opened while they were away stay as they are.
/// </summary>
internal sealed class PersonReturnedListener(TeamCodexDbContext db, IMediator mediator, TimeProvider clock)
    : InboxListener<PersonReturnedIntegrationEvent>(db, clock)
{
    protected override async Task ApplyAsync(PersonReturnedIntegrationEvent e, CancellationToken cancellationToken)
    {
        var memberships = await mediator.Send(new GetUnitMembershipsQuery(PersonId: e.PersonId), cancellationToken);
        var known = await db.UnitMembers.Where(m => m.PersonId == e.PersonId).ToDictionaryAsync(m => m.OrgUnitId, cancellationToken);
        foreach (var membership in memberships)
        {
            if (known.TryGetValue(membership.UnitId, out var member))
            {
                member.IsLead = membership.IsLead;
            }
            else
            {
                db.UnitMembers.Add(new UnitMember(membership.UnitId, e.PersonId, membership.IsLead, e.OccurredAt));
            }
        }
    }
}
