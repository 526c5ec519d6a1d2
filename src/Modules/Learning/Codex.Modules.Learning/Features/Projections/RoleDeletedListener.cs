using Codex.Modules.Learning.Persistence;
using Codex.Modules.Skills.Contracts;
using Codex.Shared.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Features.Projections;

/// <summary>A deleted role (nobody held it) ends every path assignment to it; there are no enrolments to archive.</summary>
internal sealed class RoleDeletedListener(LearningDbContext db, TimeProvider clock)
    : InboxListener<RoleDeletedIntegrationEvent>(db, clock)
{
    protected override async Task ApplyAsync(RoleDeletedIntegrationEvent e, CancellationToken cancellationToken)
    {
        var paths = await db.Paths.Include(p => p.Assignments).Where(p => p.Assignments.Any(a => a.RoleId == e.RoleId)).ToListAsync(cancellationToken);
        foreach (var path in paths)
        {
            path.UnassignRole(e.RoleId);
        }

        // Normally empty already; a RoleUnassigned that failed and is still retrying must not leave a holder of a role that is gone.
        db.RoleHolders.RemoveRange(await db.RoleHolders.Where(h => h.RoleId == e.RoleId).ToListAsync(cancellationToken));
    }
}
