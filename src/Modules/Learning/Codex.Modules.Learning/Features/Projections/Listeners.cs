using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Enrolments;
using Codex.Modules.Learning.Persistence;
using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Contracts;
using Codex.Shared.Outbox;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Features.Projections;

/// <summary>A person took a role: remember it and enrol them in every path assigned to the role.</summary>
internal sealed class RoleAssignedListener(LearningDbContext db, Enroller enroller, TimeProvider clock)
    : InboxListener<RoleAssignedIntegrationEvent>(db, clock)
{
    protected override async Task ApplyAsync(RoleAssignedIntegrationEvent e, CancellationToken cancellationToken)
    {
        if (!await db.RoleHolders.AnyAsync(h => h.RoleId == e.RoleId && h.PersonId == e.PersonId, cancellationToken))
        {
            db.RoleHolders.Add(new RoleHolder(e.RoleId, e.PersonId));
        }

        await enroller.EnrolPersonAsync(e.PersonId, e.RoleId, e.OccurredAt, cancellationToken);
    }
}

/// <summary>A person lost a role: enrolments no other role of theirs brings are archived, never deleted.</summary>
internal sealed class RoleUnassignedListener(LearningDbContext db, Enroller enroller, TimeProvider clock)
    : InboxListener<RoleUnassignedIntegrationEvent>(db, clock)
{
    protected override async Task ApplyAsync(RoleUnassignedIntegrationEvent e, CancellationToken cancellationToken)
    {
        var holder = await db.RoleHolders.FirstOrDefaultAsync(h => h.RoleId == e.RoleId && h.PersonId == e.PersonId, cancellationToken);
        if (holder is null)
        {
            return;
        }

        db.RoleHolders.Remove(holder);
        await enroller.ArchiveUnbackedAsync(e.PersonId, e.RoleId, e.OccurredAt, cancellationToken);
    }
}

/// <summary>Keeps Learning's copy of unit memberships (who leads whom signs off) in step with Organization.</summary>
internal sealed class MembershipChangedListener(LearningDbContext db, TimeProvider clock)
    : InboxListener<MembershipChangedIntegrationEvent>(db, clock)
{
    protected override async Task ApplyAsync(MembershipChangedIntegrationEvent e, CancellationToken cancellationToken)
    {
        var member = await db.UnitMembers.FirstOrDefaultAsync(m => m.UnitId == e.OrgUnitId && m.PersonId == e.PersonId, cancellationToken);
        switch (e.Change)
        {
            case MembershipChange.Joined when member is null:
                db.UnitMembers.Add(new UnitMember(e.OrgUnitId, e.PersonId, e.IsLead));
                break;
            case MembershipChange.Left when member is not null:
                db.UnitMembers.Remove(member);
                break;
            case MembershipChange.LeadChanged when member is not null:
                member.IsLead = e.IsLead;
                break;
        }
    }
}

/// <summary>
/// A person who left: every enrolment archived (progress and evidence kept; archived enrolments get no
/// reminders and count in no dashboard), no roles, no units. On their return Skills gives their roles back
/// (RoleAssigned), which brings the enrolments back where they stopped; <see cref="PersonReturnedListener"/> restores the units.
/// </summary>
internal sealed class PersonLeftListener(LearningDbContext db, TimeProvider clock)
    : InboxListener<PersonLeftIntegrationEvent>(db, clock)
{
    protected override async Task ApplyAsync(PersonLeftIntegrationEvent e, CancellationToken cancellationToken)
    {
        db.RoleHolders.RemoveRange(await db.RoleHolders.Where(h => h.PersonId == e.PersonId).ToListAsync(cancellationToken));
        db.UnitMembers.RemoveRange(await db.UnitMembers.Where(m => m.PersonId == e.PersonId).ToListAsync(cancellationToken));
        foreach (var enrolment in await db.Enrolments.Where(x => x.PersonId == e.PersonId).ToListAsync(cancellationToken))
        {
            enrolment.Archive(e.OccurredAt);
        }
    }
}

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
