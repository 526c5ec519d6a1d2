using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Persistence;
using Codex.Modules.Organization.Contracts;
using Codex.Shared.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Features.Projections;

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
