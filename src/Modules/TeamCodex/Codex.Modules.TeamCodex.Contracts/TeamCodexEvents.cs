using Codex.Shared.Contracts;

namespace Codex.Modules.TeamCodex.Contracts;

/// <summary>A review round of a unit's codex opened (by a lead or because the review cadence came due).</summary>
public sealed record ReviewRoundOpenedIntegrationEvent(Guid EventId, DateTimeOffset OccurredAt, Guid RoundId, Guid CodexId) : IIntegrationEvent;

/// <summary>A review round closed with an outcome (e.g. "Consented", "ObjectionUnresolved", "NoChangeNeeded").</summary>
public sealed record ReviewRoundClosedIntegrationEvent(Guid EventId, DateTimeOffset OccurredAt, Guid RoundId, Guid CodexId, string Outcome) : IIntegrationEvent;

/// <summary>A new version of a unit's codex came into force.</summary>
public sealed record CodexVersionPublishedIntegrationEvent(
    Guid EventId, DateTimeOffset OccurredAt, Guid CodexId, Guid OrgUnitId, int VersionNumber) : IIntegrationEvent;

/// <summary>
/// Seeds the demo organisation's codex (with binding sections every team sees) once; false when a
/// codex exists already. Runs right after the demo organisation is seeded.
/// </summary>
public sealed record SeedDemoCodexCommand : MediatR.IRequest<bool>;
