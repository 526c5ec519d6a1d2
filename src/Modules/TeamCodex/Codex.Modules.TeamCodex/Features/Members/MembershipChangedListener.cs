using Codex.Modules.Organization.Contracts;
using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Members;

/// <summary>Keeps TeamCodex's member list of each unit in step with Organization.</summary>
internal sealed class MembershipChangedListener(TeamCodexDbContext db, TimeProvider clock)
    : InboxListener<MembershipChangedIntegrationEvent>(db, clock)
{
    protected override async Task ApplyAsync(MembershipChangedIntegrationEvent e, CancellationToken cancellationToken)
    {
        var member = await db.UnitMembers.FirstOrDefaultAsync(m => m.OrgUnitId == e.OrgUnitId && m.PersonId == e.PersonId, cancellationToken);
        switch (e.Change)
        {
            case MembershipChange.Joined when member is null:
                db.UnitMembers.Add(new UnitMember(e.OrgUnitId, e.PersonId, e.IsLead, e.OccurredAt));
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
