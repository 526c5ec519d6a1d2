using Codex.Shared.Audit;
using Codex.Modules.Organization.Contracts;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Codex.Host.Identity.Features.DeleteAccountOfErased;

/// <summary>
/// A person was erased: their account goes with its sessions, invitations and the account audit entries
/// about it; where they acted on other accounts, only their name is forgotten. Idempotent.
/// </summary>
internal sealed class DeleteAccountOfErased(CodexIdentityDbContext db, UserManager<CodexAccount> users)
    : INotificationHandler<PersonErasedIntegrationEvent>
{
    public async Task Handle(PersonErasedIntegrationEvent notification, CancellationToken ct)
    {
        var erased = notification.PersonId;
        await db.AuditEntries.Where(a => a.SubjectPersonId == erased).ExecuteDeleteAsync(ct);
        await db.AuditEntries.Where(a => a.ActorPersonId == erased)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ActorPersonId, (Guid?)null).SetProperty(a => a.ActorName, AuditRecord.ForgottenActor), ct);
        await db.AuditTrail.ForgetAsync(erased, ct);
        var account = await db.Users.FirstOrDefaultAsync(a => a.PersonId == erased, ct);
        if (account is not null)
        {
            await db.Sessions.Where(s => s.AccountId == account.Id).ExecuteDeleteAsync(ct);
            await db.Invitations.Where(i => i.AccountId == account.Id).ExecuteDeleteAsync(ct);
            await users.DeleteAsync(account);
        }
    }
}
