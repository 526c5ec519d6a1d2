using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Persistence;
using Codex.Modules.Organization.Contracts;
using Codex.Shared.Outbox;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Features.Projections;

/// <summary>A person came back: their current memberships are read from Organization (roles come back through RoleAssigned).</summary>
internal sealed class PersonReturnedListener(LearningDbContext db, IMediator mediator, TimeProvider clock)
    : InboxListener<PersonReturnedIntegrationEvent>(db, clock)
{
    protected override async Task ApplyAsync(PersonReturnedIntegrationEvent e, CancellationToken cancellationToken)
    {
        var memberships = await mediator.Send(new GetUnitMembershipsQuery(PersonId: e.PersonId), cancellationToken);
        var known = await db.UnitMembers.Where(m => m.PersonId == e.PersonId).ToDictionaryAsync(m => m.UnitId, cancellationToken);
        foreach (var membership in memberships)
        {
            if (known.TryGetValue(membership.UnitId, out var member))
            {
                member.IsLead = membership.IsLead;
            }
            else
            {
                db.UnitMembers.Add(new UnitMember(membership.UnitId, e.PersonId, membership.IsLead));
            }
        }
    }
}
