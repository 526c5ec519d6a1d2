using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Enrolments;
using Codex.Modules.Learning.Persistence;
using Codex.Modules.Skills.Contracts;
using Codex.Shared.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Features.Projections;

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
