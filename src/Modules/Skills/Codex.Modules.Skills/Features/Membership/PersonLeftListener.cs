using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Membership;

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
