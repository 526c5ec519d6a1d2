using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Enrolments;
using Codex.Modules.Learning.Persistence;
using Codex.Modules.Skills.Contracts;
using Codex.Shared.Outbox;
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
