using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Outbox;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Membership;

/// <summary>
/// A person came back: their roles from before are given back (RoleAssigned, so Learning resumes their
/// enrolments) and their current memberships are read from Organization; coverage counts them again.
/// </summary>
internal sealed class PersonReturnedListener(SkillsDbContext db, IMediator mediator, TimeProvider clock)
    : InboxListener<PersonReturnedIntegrationEvent>(db, clock)
{
    protected override async Task ApplyAsync(PersonReturnedIntegrationEvent e, CancellationToken cancellationToken)
    {
        var holder = await db.PersonRoles.Include(p => p.Assignments).Include(p => p.Suspended).FirstOrDefaultAsync(p => p.Id == e.PersonId, cancellationToken);
        if (holder is { Suspended.Count: > 0 })
        {
            var roleIds = holder.Suspended.Select(s => s.RoleId).ToList();
            holder.Return(await db.Roles.Where(r => roleIds.Contains(r.Id)).ToListAsync(cancellationToken), e.OccurredAt);
        }

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
