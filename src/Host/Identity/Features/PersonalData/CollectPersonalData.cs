using Codex.Shared.Privacy;
using Codex.Shared.Time;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Codex.Host.Identity.Features.PersonalData;

/// <summary>"Meine Daten": the person's sign-in account, its open sessions and the account audit entries about them.</summary>
internal sealed class CollectPersonalDataHandler(CodexIdentityDbContext db, IStringLocalizer<SharedTexts> texts, TimeProvider clock)
    : INotificationHandler<PersonalDataRequested>
{
    public const string Module = "Identity";

    public async Task Handle(PersonalDataRequested notification, CancellationToken cancellationToken)
    {
        var account = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.PersonId == notification.PersonId, cancellationToken);
        string T(string key) => texts[key].Value;
        if (account is null)
        {
            notification.Add(new PersonalDataSection(Module, T("MyData.Account.Title"), [], T("MyData.Account.None")));
            return;
        }

        var roles = await (from ur in db.UserRoles.AsNoTracking()
                           where ur.UserId == account.Id
                           join r in db.Roles.AsNoTracking() on ur.RoleId equals r.Id
                           select r.Name).ToListAsync(cancellationToken);
        var logins = await db.UserLogins.AsNoTracking().Where(l => l.UserId == account.Id)
            .Select(l => l.ProviderDisplayName ?? l.LoginProvider).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        // Few rows per person: the expiry is compared here, where DateTimeOffset works on every provider (as on "Angemeldete Geräte").
        var sessions = (await db.Sessions.AsNoTracking().Where(s => s.AccountId == account.Id && s.EndedAt == null).ToListAsync(cancellationToken))
            .Where(s => s.IsActiveAt(now)).OrderByDescending(s => s.LastSeenAt).ToList();
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.SubjectPersonId == notification.PersonId).ToListAsync(cancellationToken);

        string YesNo(bool value) => T(value ? "MyData.Yes" : "MyData.No");
        string At(DateTimeOffset? at) => at?.LocalDateTime() ?? "–";
        var roleText = roles.Count == 0 ? T("Role.Member") : string.Join(", ", roles.Order(StringComparer.Ordinal).Select(r => T($"Role.{r}")));

        var accountTable = PersonalDataTable.Of("account", T("MyData.Account.Details"), [T("MyData.Field"), T("MyData.Value")],
        [
            [T("MyData.Account.SignInName"), account.Email ?? account.UserName ?? "–"],
            [T("MyData.Account.Status"), T($"MyData.Account.Status.{account.Status}")],
            [T("MyData.Account.Rights"), roleText],
            [T("MyData.Account.TwoFactor"), YesNo(account.TwoFactorEnabled)],
            [T("MyData.Account.SingleSignOn"), logins.Count == 0 ? T("MyData.No") : string.Join(", ", logins)],
            [T("MyData.Account.CreatedAt"), account.CreatedAt == default ? "–" : account.CreatedAt.LocalDateTime()],
            [T("MyData.Account.ActivatedAt"), At(account.ActivatedAt)],
            [T("MyData.Account.DeactivatedAt"), At(account.DeactivatedAt)],
            [T("MyData.Account.LastSeen"), sessions.Count == 0 ? "–" : sessions[0].LastSeenAt.LocalDateTime()],
        ]);
        var sessionTable = PersonalDataTable.Of("sessions", T("Sessions.Title"), [T("Sessions.Device"), T("Sessions.Since"), T("Sessions.LastSeen")],
            sessions.Select(s => (IReadOnlyList<string>)[s.Device.Length > 0 ? s.Device : T("Sessions.UnknownDevice"), s.CreatedAt.LocalDateTime(), s.LastSeenAt.LocalDateTime()]));
        var auditTable = PersonalDataTable.Of("account-audit", T("MyData.Account.Audit"), [T("MyData.When"), T("MyData.Who"), T("MyData.What")],
            audit.OrderByDescending(a => a.At).Select(a => (IReadOnlyList<string>)[a.At.LocalDateTime(), a.ActorName, ActionText(a)]));
        notification.Add(new PersonalDataSection(Module, T("MyData.Account.Title"), [accountTable, sessionTable, auditTable]));
    }

    private string ActionText(AccountAuditEntry entry) =>
        texts[$"Accounts.Action.{entry.Action}",
            entry.Action is AccountAuditAction.RoleGranted or AccountAuditAction.RoleRevoked && entry.Detail.Length > 0 ? texts[$"Role.{entry.Detail}"].Value : entry.Detail].Value;
}
