using Codex.Shared.Audit;
using Codex.Modules.Notifications.Persistence;
using Codex.Modules.Organization.Contracts;
using Codex.Shared.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Notifications.Features.Recipients;

/// <summary>An erased person's mail log and mail settings are purged, sent or not. Idempotent.</summary>
internal sealed class PersonErasedListener(NotificationsDbContext db, TimeProvider clock)
    : InboxListener<PersonErasedIntegrationEvent>(db, clock)
{
    protected override async Task ApplyAsync(PersonErasedIntegrationEvent e, CancellationToken cancellationToken)
    {
        await db.EmailMessages.Where(m => m.RecipientPersonId == e.PersonId).ExecuteDeleteAsync(cancellationToken);
        await db.Preferences.Where(p => p.Id == e.PersonId).ExecuteDeleteAsync(cancellationToken);
        await db.AuditTrail.ForgetAsync(e.PersonId, cancellationToken);
    }
}
