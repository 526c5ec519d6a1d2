using Codex.Host.Identity;
using Codex.Shared.Audit;
using Microsoft.EntityFrameworkCore;

namespace Codex.Host.Audit;

/// <summary>
/// The Host's part of the one audit trail: its "AuditTrail" table (exports of the trail) and the account audit
/// (invitations, roles, passwords, two-factor, sign-out everywhere), whose entries are kept as long as the rest.
/// </summary>
internal sealed class HostAuditTrail(CodexIdentityDbContext db) : ModuleAuditTrail(db.AuditTrail, CodexIdentityDbContext.Module)
{
    /// <summary>Account entries appear as "account.RoleGranted" etc.; the page words them like the accounts page.</summary>
    public const string AccountActionPrefix = "account.";

    protected override Task AddOtherStoresAsync(AuditTrailRequested request, CancellationToken cancellationToken) =>
        request.AddAsync(
            db.AuditEntries.AsNoTracking(), a => a.At, a => a.ActorPersonId, a => a.SubjectPersonId,
            a => new AuditTrailEntry(
                Module, a.At, AccountActionPrefix + a.Action, a.ActorPersonId, a.ActorName, a.SubjectPersonId, null, a.Detail.Length > 0 ? a.Detail : null),
            cancellationToken);

    protected override async Task PurgeOtherStoresAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        await db.AuditEntries.Where(a => a.At < before).ExecuteDeleteAsync(cancellationToken);
}
