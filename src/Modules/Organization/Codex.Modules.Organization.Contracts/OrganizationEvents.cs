using Codex.Shared.Contracts;

namespace Codex.Modules.Organization.Contracts;

/// <summary>A person was added to the organisation.</summary>
public sealed record PersonJoinedIntegrationEvent(
    Guid EventId, DateTimeOffset OccurredAt, Guid PersonId, string DisplayName, string Email, string PreferredLanguage)
    : IIntegrationEvent;

/// <summary>
/// A person left the organisation (deactivated): other modules stop counting, reminding and mailing them;
/// nothing they wrote is deleted. Organization keeps their memberships, so a return restores them.
/// </summary>
public sealed record PersonLeftIntegrationEvent(Guid EventId, DateTimeOffset OccurredAt, Guid PersonId) : IIntegrationEvent;

/// <summary>
/// A person who had left was reactivated. Their current memberships are read again with
/// <see cref="GetUnitMembershipsQuery"/> (PersonId set): events about them may have been skipped while they were away.
/// </summary>
public sealed record PersonReturnedIntegrationEvent(Guid EventId, DateTimeOffset OccurredAt, Guid PersonId) : IIntegrationEvent;

/// <summary>
/// A person who left was erased (GDPR Art. 17): every module deletes what it holds about them, and where
/// a record must stay (codex texts, round responses) replaces <see cref="PersonId"/> with <see cref="AnonymousId"/>,
/// an id no person has, shown as "ehemalige:r Mitarbeiter:in". The account is deleted.
/// </summary>
public sealed record PersonErasedIntegrationEvent(Guid EventId, DateTimeOffset OccurredAt, Guid PersonId, Guid AnonymousId) : IIntegrationEvent;

public enum MembershipChange
{
    Joined,
    Left,
    LeadChanged,
}

/// <summary>Someone joined or left an org unit, or became / stopped being one of its leads.</summary>
public sealed record MembershipChangedIntegrationEvent(
    Guid EventId, DateTimeOffset OccurredAt, Guid OrgUnitId, Guid PersonId, MembershipChange Change, bool IsLead)
    : IIntegrationEvent;

/// <summary>A unit (with its whole subtree) got a new parent: every aggregate over ancestors changes.</summary>
public sealed record OrgUnitMovedIntegrationEvent(Guid EventId, DateTimeOffset OccurredAt, Guid OrgUnitId, Guid NewParentId) : IIntegrationEvent;
