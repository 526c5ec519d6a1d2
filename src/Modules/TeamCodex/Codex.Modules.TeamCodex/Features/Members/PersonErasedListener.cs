using Codex.Shared.Audit;
using Codex.Modules.Organization.Contracts;
using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Members;

/// <summary>
/// An erased person's texts stay — the codex is the team's, and its history must still add up — but
/// under the event's anonymous id, which no person has, so every page shows "ehemalige:r Mitarbeiter:in".
/// Round participations and responses keep counting for the rounds' outcomes. Idempotent: a redelivery
/// finds nothing under the erased id any more.
/// </summary>
internal sealed class PersonErasedListener(TeamCodexDbContext db, TimeProvider clock)
    : InboxListener<PersonErasedIntegrationEvent>(db, clock)
{
    protected override async Task ApplyAsync(PersonErasedIntegrationEvent e, CancellationToken cancellationToken)
    {
        var (erased, anonymous) = (e.PersonId, e.AnonymousId);
        await db.UnitMembers.Where(m => m.PersonId == erased).ExecuteDeleteAsync(cancellationToken);
        await db.AuditTrail.ForgetAsync(erased, cancellationToken);
        await db.DraftRevisions.Where(r => r.AuthorId == erased).ExecuteUpdateAsync(s => s.SetProperty(r => r.AuthorId, anonymous), cancellationToken);
        await db.Proposals.Where(p => p.AuthorId == erased).ExecuteUpdateAsync(s => s.SetProperty(p => p.AuthorId, anonymous), cancellationToken);
        await db.ProposalComments.Where(c => c.AuthorId == erased).ExecuteUpdateAsync(s => s.SetProperty(c => c.AuthorId, anonymous), cancellationToken);
        await db.Versions.Where(v => v.PublishedBy == erased).ExecuteUpdateAsync(s => s.SetProperty(v => v.PublishedBy, anonymous), cancellationToken);
        await db.Rounds.Where(r => r.OpenedBy == erased).ExecuteUpdateAsync(s => s.SetProperty(r => r.OpenedBy, anonymous), cancellationToken);
        await db.Set<RoundParticipant>().Where(p => p.PersonId == erased).ExecuteUpdateAsync(s => s.SetProperty(p => p.PersonId, anonymous), cancellationToken);
        await db.RoundResponses.Where(r => r.PersonId == erased).ExecuteUpdateAsync(s => s.SetProperty(r => r.PersonId, anonymous), cancellationToken);
        await db.Acknowledgements.Where(a => a.PersonId == erased).ExecuteUpdateAsync(s => s.SetProperty(a => a.PersonId, anonymous), cancellationToken);
    }
}
