using Codex.Modules.Notifications.Domain;
using Codex.Modules.Notifications.Persistence;
using Codex.Modules.Organization.Contracts;
using Codex.Shared.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Notifications.Features.Recipients;

/// <summary>
/// A person who left gets no more mail: what is still queued for them is cancelled at once (the admin mail
/// page shows it as cancelled, with the reason), and the queue accepts nothing new for them. A mail being
/// sent right now is cancelled at rendering, which checks again. Cancelled mail is not revived on return.
/// </summary>
internal sealed class PersonLeftListener(NotificationsDbContext db, TimeProvider clock)
    : InboxListener<PersonLeftIntegrationEvent>(db, clock)
{
    public const string Reason = "The recipient left the organisation.";

    protected override async Task ApplyAsync(PersonLeftIntegrationEvent e, CancellationToken cancellationToken)
    {
        foreach (var message in await db.EmailMessages.Where(m => m.RecipientPersonId == e.PersonId && m.Status == EmailStatus.Queued).ToListAsync(cancellationToken))
        {
            message.Cancel(Reason);
        }
    }
}
