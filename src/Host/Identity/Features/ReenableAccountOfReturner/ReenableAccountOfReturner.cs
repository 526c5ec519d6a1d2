using Codex.Modules.Organization.Contracts;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Host.Identity.Features.ReenableAccountOfReturner;

/// <summary>
/// A person who left came back (HR reactivated them): their account works again with the password
/// it had, or stays invited if it never was activated. Idempotent; a return without account changes nothing.
/// </summary>
internal sealed class ReenableAccountOfReturner(CodexIdentityDbContext db) : INotificationHandler<PersonReturnedIntegrationEvent>
{
    public async Task Handle(PersonReturnedIntegrationEvent notification, CancellationToken ct)
    {
        var account = await db.Users.FirstOrDefaultAsync(a => a.PersonId == notification.PersonId, ct);
        if (account?.DeactivatedAt is null || account.DeactivatedAt > notification.OccurredAt)
        {
            return;
        }

        account.DeactivatedAt = null;
        account.ConcurrencyStamp = Guid.NewGuid().ToString();
        db.AuditEntries.Add(AccountAuditEntry.Record(notification.OccurredAt, null, "system", account, AccountAuditAction.Reactivated));
        await db.SaveChangesAsync(ct);
    }
}
