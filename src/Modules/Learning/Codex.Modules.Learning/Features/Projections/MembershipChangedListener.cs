using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Persistence;
using Codex.Modules.Organization.Contracts;
using Codex.Shared.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Features.Projections;

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
