using MediatR;

namespace Codex.Modules.Organization.Contracts;

public enum OrgUnitLevel
{
    Organisation,
    Department,
    Team,
}

/// <summary>
/// The whole unit tree (units only, no people): for modules that show or aggregate per unit
/// (binding codex sections of ancestors, heatmaps per department). Units are few; callers walk it in memory.
/// </summary>
public sealed record GetOrgUnitsQuery : IRequest<IReadOnlyList<OrgUnitSummary>>;

public sealed record OrgUnitSummary(Guid Id, Guid? ParentId, string Name, OrgUnitLevel Level);

/// <summary>
/// Current memberships of the given units (all units when <see cref="UnitIds"/> is null), of one person
/// when <see cref="PersonId"/> is set, for seeding and reconciling other modules' own projections of
/// MembershipChanged. People who left are not members anywhere: their memberships are kept in
/// Organization for their return, but never returned here.
/// </summary>
public sealed record GetUnitMembershipsQuery(IReadOnlyCollection<Guid>? UnitIds = null, Guid? PersonId = null)
    : IRequest<IReadOnlyList<UnitMembership>>;

public sealed record UnitMembership(Guid UnitId, Guid PersonId, bool IsLead);
