using MediatR;

namespace Codex.Modules.TeamCodex.Contracts;

/// <summary>
/// The codex versions in force, in the units the signed-in person belongs to, that they have not
/// confirmed yet, newest first. Empty for an account without a person.
/// </summary>
public sealed record GetVersionsAwaitingMyAcknowledgementQuery : IRequest<IReadOnlyList<VersionAwaitingAcknowledgement>>;

/// <summary>A version to read and confirm, and the page to confirm it on (the unit's codex page).</summary>
public sealed record VersionAwaitingAcknowledgement(Guid UnitId, string UnitName, int Version, DateTimeOffset PublishedAt, string Link);
