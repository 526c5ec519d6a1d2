using Codex.Modules.Organization.Contracts;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Codex.Host.Identity.Features.DisableAccountOfLeaver;

/// <summary>
/// A person left the organisation: their account is deactivated and its security stamp renewed,
/// so every open session ends on its next request. Idempotent (a redelivery finds it deactivated).
/// </summary>
internal sealed class DisableAccountOfLeaver(CodexIdentityDbContext db, UserManager<CodexAccount> users, AccountSessions sessions)
    : INotificationHandler<PersonLeftIntegrationEvent>
{
    public async Task Handle(PersonLeftIntegrationEvent notification, CancellationToken ct)
    {
        var account = await db.Users.FirstOrDefaultAsync(a => a.PersonId == notification.PersonId, ct);
        if (account is null || account.DeactivatedAt is not null)
        {
            return;
        }

        account.DeactivatedAt = notification.OccurredAt;
        db.AuditEntries.Add(AccountAuditEntry.Record(notification.OccurredAt, null, "system", account, AccountAuditAction.Deactivated));
        await users.UpdateSecurityStampAsync(account); // saves the account and the audit entry
        await sessions.EndAllAsync(account.Id, ct: ct);
    }
}
