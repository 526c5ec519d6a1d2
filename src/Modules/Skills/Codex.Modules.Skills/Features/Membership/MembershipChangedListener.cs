using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Outbox;
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
