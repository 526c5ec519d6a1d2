using MediatR;

namespace Codex.Modules.Organization.Contracts;

/// <summary>
/// The one source of lead rights in every module: the units the person leads (membership lead flag)
/// and every unit below them. Read from Organization on each request, so a new or removed lead flag
/// counts from the next request on. Empty for someone who leads nothing (or who has left).
/// </summary>
public sealed record GetLedUnitsQuery(Guid PersonId) : IRequest<IReadOnlyList<Guid>>;

/// <summary>
/// Whether <see cref="LeadId"/> leads a unit <see cref="PersonId"/> belongs to, or a unit above one of
/// them (a department's lead leads its teams' members). Nobody leads themselves through this.
/// </summary>
public sealed record LeadsPersonQuery(Guid LeadId, Guid PersonId) : IRequest<bool>;
