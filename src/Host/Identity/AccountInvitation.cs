using System.Security.Cryptography;
using System.Text;

namespace Codex.Host.Identity;

public enum InvitationState
{
    Open,
    Accepted,
    Expired,

    /// <summary>A newer link was sent; this one no longer works.</summary>
    Replaced,
}

/// <summary>
/// A single-use link that lets a person set their first password. Only the SHA-256 hash of the
/// token is stored, so neither a database copy nor the audit reveals a working link.
/// </summary>
public sealed class AccountInvitation
{
    private AccountInvitation()
    {
    }

    public Guid Id { get; private set; }

    public Guid AccountId { get; private set; }

    public string TokenHash { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public DateTimeOffset? ReplacedAt { get; private set; }

    public Guid? InvitedByPersonId { get; private set; }

    /// <summary>A new invitation and the token for its link (shown or mailed once, never stored).</summary>
    public static (AccountInvitation Invitation, string Token) Create(Guid accountId, Guid? invitedBy, DateTimeOffset now, TimeSpan validFor)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var invitation = new AccountInvitation
        {
            Id = Guid.NewGuid(),
            AccountId = accountId,
            TokenHash = Hash(token),
            CreatedAt = now,
            ExpiresAt = now + validFor,
            InvitedByPersonId = invitedBy,
        };
        return (invitation, token);
    }

    public static string Hash(string token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? "")));

    public InvitationState StateAt(DateTimeOffset now) =>
        AcceptedAt is not null ? InvitationState.Accepted
        : ReplacedAt is not null ? InvitationState.Replaced
        : now >= ExpiresAt ? InvitationState.Expired
        : InvitationState.Open;

    public void Accept(DateTimeOffset now)
    {
        if (StateAt(now) != InvitationState.Open)
        {
            throw new InvalidOperationException("Only an open invitation can be accepted.");
        }

        AcceptedAt = now;
    }

    /// <summary>A newer link was sent (resend): this one stops working.</summary>
    public void Replace(DateTimeOffset now) => ReplacedAt ??= now;
}

public enum AccountAuditAction
{
    FirstAdminCreated,
    Invited,
    Activated,
    RoleGranted,
    RoleRevoked,
    Deactivated,
    Reactivated,
    PasswordReset,
    PasswordChanged,
    TwoFactorEnabled,
    TwoFactorDisabled,
    TwoFactorReset,
    RecoveryCodesRenewed,
    SignedOutEverywhere,
    SignInThrottled,

    /// <summary>Created at the first single sign-on of a person without an account.</summary>
    CreatedBySingleSignOn,

    /// <summary>Linked to the identity provider's account (first single sign-on).</summary>
    LinkedToSingleSignOn,
}

/// <summary>Who did what to which account, and when. Written once, never changed by the application.</summary>
public sealed class AccountAuditEntry
{
    private AccountAuditEntry()
    {
    }

    public Guid Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Guid? ActorPersonId { get; private set; }

    public string ActorName { get; private set; } = "";

    public Guid SubjectPersonId { get; private set; }

    public string SubjectName { get; private set; } = "";

    public AccountAuditAction Action { get; private set; }

    /// <summary>The role for role changes; otherwise empty.</summary>
    public string Detail { get; private set; } = "";

    public static AccountAuditEntry Record(
        DateTimeOffset at, Guid? actorPersonId, string actorName, CodexAccount subject, AccountAuditAction action, string detail = "") => new()
        {
            Id = Guid.NewGuid(),
            At = at,
            ActorPersonId = actorPersonId,
            ActorName = actorName,
            SubjectPersonId = subject.PersonId,
            SubjectName = subject.DisplayName,
            Action = action,
            Detail = detail,
        };
}
