using Codex.Shared.Contracts;

namespace Codex.Modules.Organization.Contracts;

/// <summary>A person was added to the organisation.</summary>
public sealed record PersonJoinedIntegrationEvent(
    Guid EventId, DateTimeOffset OccurredAt, Guid PersonId, string DisplayName, string Email, string PreferredLanguage)
    : IIntegrationEvent;

/// <summary>A person left the organisation (deactivated); their data in other modules is archived.</summary>
public sealed record PersonLeftIntegrationEvent(Guid EventId, DateTimeOffset OccurredAt, Guid PersonId) : IIntegrationEvent;

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
