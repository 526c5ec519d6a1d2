using MediatR;

namespace Codex.Modules.TeamCodex.Contracts;

/// <summary>
/// The open review rounds the signed-in person takes part in and has not yet responded to (for the
/// text currently being decided on), soonest closing first. Empty for an account without a person.
/// </summary>
public sealed record GetRoundsAwaitingMyResponseQuery : IRequest<IReadOnlyList<RoundAwaitingResponse>>;

/// <summary>A round to respond to: whose codex, until when (inclusive), and the page to respond on.</summary>
public sealed record RoundAwaitingResponse(Guid RoundId, Guid UnitId, string UnitName, DateOnly ClosesOn, string? ProposalTitle, string Link);
