using Codex.Modules.Learning.Contracts;
using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Outbox;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Membership;

/// <summary>Keeps Skills' projection of unit memberships in step with Organization (the heatmap groups by it).</summary>
internal sealed class MembershipChangedListener(SkillsDbContext db, TimeProvider clock)
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
/// A person who left holds no roles any more (RoleUnassigned goes out; the roles are remembered for a
/// return) and counts in no unit, so the heatmap's coverage drops them in the same save. Their levels
/// and history stay. Removed rather than kept-but-not-counted: every count of holders (role list, role
/// deletion, coverage) stays a plain count of assignments.
/// </summary>
internal sealed class PersonLeftListener(SkillsDbContext db, TimeProvider clock)
    : InboxListener<PersonLeftIntegrationEvent>(db, clock)
{
    protected override async Task ApplyAsync(PersonLeftIntegrationEvent e, CancellationToken cancellationToken)
    {
        var holder = await db.PersonRoles.Include(p => p.Assignments).Include(p => p.Suspended).FirstOrDefaultAsync(p => p.Id == e.PersonId, cancellationToken);
        holder?.Leave(e.OccurredAt);
        db.UnitMembers.RemoveRange(await db.UnitMembers.Where(m => m.PersonId == e.PersonId).ToListAsync(cancellationToken));
    }
}

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

/// <summary>Completed learning raises the person's level with the step's tool (never lowers it).</summary>
internal sealed class LearningStepCompletedListener(SkillsDbContext db, TimeProvider clock)
    : InboxListener<LearningStepCompletedIntegrationEvent>(db, clock)
{
    protected override async Task ApplyAsync(LearningStepCompletedIntegrationEvent e, CancellationToken cancellationToken)
    {
        if (!ProficiencyScale.IsValid(e.Level) || !await db.Tools.AnyAsync(t => t.Id == e.ToolId, cancellationToken))
        {
            // A step about a tool deleted since, or a level off the scale: nothing to raise.
            return;
        }

        var proficiency = await db.Proficiencies.FirstOrDefaultAsync(p => p.PersonId == e.PersonId && p.ToolId == e.ToolId, cancellationToken);
        if (proficiency is null)
        {
            proficiency = Proficiency.Start(e.PersonId, e.ToolId);
            db.Proficiencies.Add(proficiency);
        }

        if (proficiency.RaiseByLearning(e.Level, e.OccurredAt) is { } change)
        {
            db.ProficiencyChanges.Add(change);
        }
    }
}
