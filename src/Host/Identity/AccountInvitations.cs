using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Organization.Contracts;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Codex.Host.Identity;

/// <summary>How one invitation run went, for the page's message and the API's answer.</summary>
public sealed record InvitationOutcome(int Invited, int Resent, int AlreadyActive, int NotActive, int EmailInUse)
{
    public static readonly InvitationOutcome None = new(0, 0, 0, 0, 0);
}

/// <summary>
/// The one place that creates accounts and invitation links: for the people HR invites, for a
/// resend, for an expired link's "send me a new one", and for the first administrator (whose link
/// is printed, not mailed). An account starts without a password and becomes active when the
/// person sets one through the link.
/// </summary>
internal sealed class AccountInvitations(
    CodexIdentityDbContext db,
    IMediator mediator,
    ILookupNormalizer normalizer,
    TimeProvider clock,
    IConfiguration configuration,
    ICurrentUser currentUser)
{
    public const string TemplateKey = "account.invitation";

    public int ValidDays => Math.Clamp(configuration.GetValue("Accounts:InvitationValidDays", 7), 1, 90);

    public static string ActivationPath(string token) => "/Account/Activate?token=" + Uri.EscapeDataString(token);

    /// <param name="resendOpen">Whether people whose invitation is still pending get a new link (a selection: yes; "the whole unit": no).</param>
    public async Task<InvitationOutcome> InviteAsync(IReadOnlyCollection<Guid> personIds, bool resendOpen, CancellationToken ct)
    {
        if (personIds.Count == 0)
        {
            return InvitationOutcome.None;
        }

        var actorId = currentUser.PersonId;
        var contacts = await mediator.Send(new GetPeopleContactsQuery([.. personIds.Append(actorId ?? Guid.Empty).Distinct()]), ct);
        var inviter = contacts.FirstOrDefault(c => c.PersonId == actorId)?.DisplayName ?? "Codex";
        var people = contacts.Where(c => personIds.Contains(c.PersonId)).ToList();
        var ids = people.Select(p => p.PersonId).ToList();
        var accounts = await db.Users.Where(a => ids.Contains(a.PersonId)).ToDictionaryAsync(a => a.PersonId, ct);
        var emails = people.Select(p => normalizer.NormalizeEmail(p.Email)).ToList();
        var takenEmails = (await db.Users.Where(a => emails.Contains(a.NormalizedEmail!)).Select(a => new { a.PersonId, a.NormalizedEmail }).ToListAsync(ct))
            .Where(a => !ids.Contains(a.PersonId) || accounts.GetValueOrDefault(a.PersonId)?.NormalizedEmail != a.NormalizedEmail)
            .Select(a => a.NormalizedEmail)
            .ToHashSet();
        var accountIds = accounts.Values.Select(a => a.Id).ToList();
        var pending = await db.Invitations.Where(i => accountIds.Contains(i.AccountId) && i.AcceptedAt == null && i.ReplacedAt == null).ToListAsync(ct);
        var memberRoleId = await RoleIdAsync(CodexRoles.Member, ct);

        var now = clock.GetUtcNow();
        var (invited, resent, active, notActive, emailInUse) = (0, 0, 0, 0, 0);
        var mails = new List<SendEmailCommand>();
        foreach (var person in people)
        {
            accounts.TryGetValue(person.PersonId, out var account);
            if (!person.IsActive || account?.Status == AccountStatus.Deactivated)
            {
                notActive++;
                continue;
            }

            if (account?.Status == AccountStatus.Active)
            {
                active++;
                continue;
            }

            if (account is null)
            {
                if (takenEmails.Contains(normalizer.NormalizeEmail(person.Email)))
                {
                    emailInUse++;
                    continue;
                }

                account = NewAccount(person.PersonId, person.DisplayName, person.Email, now);
                db.Users.Add(account);
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = account.Id, RoleId = memberRoleId });
                invited++;
            }
            else if (resendOpen)
            {
                pending.Where(i => i.AccountId == account.Id).ToList().ForEach(i => i.Replace(now));
                resent++;
            }
            else
            {
                continue;
            }

            var (invitation, token) = AccountInvitation.Create(account.Id, actorId, now, TimeSpan.FromDays(ValidDays));
            db.Invitations.Add(invitation);
            db.AuditEntries.Add(AccountAuditEntry.Record(now, actorId, inviter, account, AccountAuditAction.Invited));
            mails.Add(InvitationMail(person.PersonId, invitation.Id, token, inviter, person.Email));
        }

        await db.SaveChangesAsync(ct);
        if (mails.Count > 0)
        {
            // After the accounts are saved: should queueing fail, HR sees "invited" and can resend.
            await mediator.Send(new QueueEmailsCommand(mails), ct);
        }

        return new InvitationOutcome(invited, resent, active, notActive, emailInUse);
    }

    /// <summary>A new link to an invited account's own address; nothing when the account is active, deactivated or gone.</summary>
    public async Task RenewAsync(Guid accountId, CancellationToken ct)
    {
        var account = await db.Users.FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null || account.Status != AccountStatus.Invited)
        {
            return;
        }

        var contact = (await mediator.Send(new GetPeopleContactsQuery([account.PersonId]), ct)).FirstOrDefault();
        if (contact is not { IsActive: true })
        {
            return;
        }

        var now = clock.GetUtcNow();
        await db.Invitations.Where(i => i.AccountId == account.Id && i.AcceptedAt == null && i.ReplacedAt == null)
            .ForEachAsync(i => i.Replace(now), ct);
        var (invitation, token) = AccountInvitation.Create(account.Id, null, now, TimeSpan.FromDays(ValidDays));
        db.Invitations.Add(invitation);
        db.AuditEntries.Add(AccountAuditEntry.Record(now, null, account.DisplayName, account, AccountAuditAction.Invited, "renewed"));
        await db.SaveChangesAsync(ct);
        await mediator.Send(new QueueEmailsCommand([InvitationMail(account.PersonId, invitation.Id, token, "Codex", contact.Email)]), ct);
    }

    /// <summary>An account with the given roles and a link for it, not mailed (the first administrator's, printed by the command).</summary>
    public async Task<string> CreateWithLinkAsync(Guid personId, string displayName, string email, IReadOnlyList<string> roles, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var account = NewAccount(personId, displayName, email, now);
        db.Users.Add(account);
        foreach (var role in roles)
        {
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = account.Id, RoleId = await RoleIdAsync(role, ct) });
        }

        var (invitation, token) = AccountInvitation.Create(account.Id, null, now, TimeSpan.FromDays(ValidDays));
        db.Invitations.Add(invitation);
        db.AuditEntries.Add(AccountAuditEntry.Record(now, null, "operator", account, AccountAuditAction.FirstAdminCreated));
        await db.SaveChangesAsync(ct);
        return ActivationPath(token);
    }

    private CodexAccount NewAccount(Guid personId, string displayName, string email, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        PersonId = personId,
        DisplayName = displayName,
        UserName = email,
        NormalizedUserName = normalizer.NormalizeName(email),
        Email = email,
        NormalizedEmail = normalizer.NormalizeEmail(email),
        EmailConfirmed = false,
        LockoutEnabled = true,
        SecurityStamp = Guid.NewGuid().ToString("N"),
        ConcurrencyStamp = Guid.NewGuid().ToString(),
        CreatedAt = now,
    };

    private SendEmailCommand InvitationMail(Guid personId, Guid invitationId, string token, string inviter, string email) => new(
        personId,
        TemplateKey,
        new Dictionary<string, string>
        {
            ["InvitedBy"] = inviter,
            ["Email"] = email,
            ["ValidDays"] = ValidDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ActionPath"] = ActivationPath(token),
        },
        DeduplicationKey: $"account.invitation:{invitationId}",
        Category: EmailCategory.Account);

    private async Task<Guid> RoleIdAsync(string role, CancellationToken ct)
    {
        var normalized = normalizer.NormalizeName(role);
        var id = await db.Roles.Where(r => r.NormalizedName == normalized).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        if (id is { } existing)
        {
            return existing;
        }

        var created = new IdentityRole<Guid>(role) { Id = Guid.NewGuid(), NormalizedName = normalized, ConcurrencyStamp = Guid.NewGuid().ToString() };
        db.Roles.Add(created);
        return created.Id;
    }
}
