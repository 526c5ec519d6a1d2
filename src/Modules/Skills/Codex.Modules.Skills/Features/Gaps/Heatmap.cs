using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Features.Common;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Gaps;

/// <summary>
/// Units × tools: the share of role holders meeting their requirement, for a team, a department or the
/// organisation (<paramref name="UnitId"/> null: the widest scope the user may see). Aggregates only.
/// Admins and HR choose any unit; a lead the units they lead and those below them (403 for everyone else).
/// </summary>
[RequiresSignIn]
public sealed record GetHeatmapQuery(Guid? UnitId = null) : IRequest<Heatmap>;

public sealed record HeatmapUnit(Guid Id, string Name, OrgUnitLevel Level, int Depth);

/// <param name="Suppressed">The numbers are withheld: fewer holders than the minimum group size, or they would let such a group be worked out (<see cref="CoverageDisclosure"/>).</param>
public sealed record HeatmapCell(Guid UnitId, Guid ToolId, int Holders, int Meeting, bool Suppressed)
{
    public int? Percent => Suppressed || Holders == 0 ? null : (int)Math.Round(100.0 * Meeting / Holders);
}

/// <param name="Scope">The unit shown; its first row sums its whole subtree, the others are its direct children.</param>
/// <param name="Selectable">Units the user may pick as scope.</param>
public sealed record Heatmap(
    HeatmapUnit Scope, IReadOnlyList<HeatmapUnit> Rows, IReadOnlyList<HeatmapTool> Tools, IReadOnlyList<HeatmapCell> Cells,
    IReadOnlyList<HeatmapUnit> Selectable, int MinimumGroupSize)
{
    private Dictionary<(Guid UnitId, Guid ToolId), HeatmapCell>? _cellIndex;

    public HeatmapCell? Cell(Guid unitId, Guid toolId) =>
        (_cellIndex ??= Cells.ToDictionary(c => (c.UnitId, c.ToolId))).GetValueOrDefault((unitId, toolId));
}

public sealed record HeatmapTool(Guid Id, string Name);

internal sealed class GetHeatmapQueryHandler(SkillsDbContext db, SkillsAccess access, CoverageDisclosure disclosure, IMediator mediator, ICurrentUser user)
    : IRequestHandler<GetHeatmapQuery, Heatmap>
{
    public async Task<Heatmap> Handle(GetHeatmapQuery query, CancellationToken cancellationToken)
    {
        var units = await mediator.Send(new GetOrgUnitsQuery(), cancellationToken);
        var tree = new UnitTree(units);
        var selectable = await SelectableAsync(tree, cancellationToken);
        if (selectable.Count == 0)
        {
            throw new ForbiddenException();
        }

        var scopeId = query.UnitId ?? selectable[0].Id;
        if (!tree.Contains(scopeId))
        {
            throw new NotFoundException("OrgUnit", scopeId);
        }

        if (selectable.All(u => u.Id != scopeId))
        {
            throw new ForbiddenException();
        }

        if (await db.CoverageStates.AnyAsync(s => s.RebuiltAt == null, cancellationToken))
        {
            // Data from before coverage was kept (an upgrade, a bulk load): count it once, then it is maintained.
            await mediator.Send(new RebuildCoverageCommand(), cancellationToken);
        }

        var rules = await access.RulesAsync(cancellationToken);
        var scope = tree.Node(scopeId, 0);
        var rows = new List<HeatmapUnit> { scope };
        rows.AddRange(tree.Children(scopeId).Select(c => tree.Node(c, 1)));

        // Each row's coverage already counts its whole subtree, every person once.
        var rowIds = rows.Select(r => r.Id).ToList();
        var coverage = await db.UnitCoverage.AsNoTracking().Where(c => EF.Parameter(rowIds).Contains(c.UnitId)).ToListAsync(cancellationToken);
        var withheld = await disclosure.WithheldAsync(tree, rules.MinimumGroupSize, cancellationToken);
        var cells = coverage.Select(c =>
        {
            var suppressed = withheld.Contains(CoverageFigure.Unit(c.UnitId, c.ToolId));
            return new HeatmapCell(c.UnitId, c.ToolId, suppressed ? 0 : c.Holders, suppressed ? 0 : c.Meeting, suppressed);
        }).ToList();

        var toolIds = coverage.Where(c => c.UnitId == scopeId).Select(c => c.ToolId).ToList();
        var tools = await db.Tools.AsNoTracking().Where(t => EF.Parameter(toolIds).Contains(t.Id)).OrderBy(t => t.Name)
            .Select(t => new HeatmapTool(t.Id, t.Name)).ToListAsync(cancellationToken);
        return new Heatmap(scope, rows, tools, cells, selectable, rules.MinimumGroupSize);
    }

    private async Task<IReadOnlyList<HeatmapUnit>> SelectableAsync(UnitTree tree, CancellationToken cancellationToken)
    {
        if (user.IsInRole(CodexRoles.Admin) || user.IsInRole(CodexRoles.HR))
        {
            return tree.All();
        }

        // Organization's answer already holds every unit below the led ones.
        var ids = (await access.LedUnitsAsync(cancellationToken)).ToHashSet();
        return tree.All().Where(u => ids.Contains(u.Id)).ToList();
    }
}

/// <summary>The org unit tree in memory (hundreds of units at most).</summary>
internal sealed class UnitTree(IReadOnlyList<OrgUnitSummary> units)
{
    private readonly Dictionary<Guid, OrgUnitSummary> _byId = units.ToDictionary(u => u.Id);
    private readonly ILookup<Guid?, OrgUnitSummary> _children = units.ToLookup(u => u.ParentId);

    public bool Contains(Guid id) => _byId.ContainsKey(id);

    public IEnumerable<Guid> Children(Guid id) => _children[id].OrderBy(u => u.Name, StringComparer.CurrentCulture).Select(u => u.Id);

    public IEnumerable<Guid> Ids() => _byId.Keys;

    public IEnumerable<Guid> ChildIds(Guid id) => _children[id].Select(u => u.Id);

    public IReadOnlyList<Guid> RootIds() => [.. _children[null].Select(u => u.Id)];

    /// <summary>The units and all their ancestors, each once: where a member of these units counts.</summary>
    public IReadOnlyList<Guid> SelfAndAncestors(IEnumerable<Guid> unitIds)
    {
        var result = new HashSet<Guid>();
        foreach (var unitId in unitIds)
        {
            Guid? id = unitId;
            // A unit the tree does not know (yet) still counts for itself.
            while (id is { } current && result.Add(current))
            {
                id = _byId.TryGetValue(current, out var unit) ? unit.ParentId : null;
            }
        }

        return [.. result];
    }

    public HeatmapUnit Node(Guid id, int depth) => new(id, _byId[id].Name, _byId[id].Level, depth);

    /// <summary>Depth-first, so a picker shows the hierarchy.</summary>
    public IReadOnlyList<HeatmapUnit> All()
    {
        var result = new List<HeatmapUnit>();
        foreach (var root in _children[null].OrderBy(u => u.Name, StringComparer.CurrentCulture))
        {
            Walk(root.Id, 0);
        }

        return result;

        void Walk(Guid id, int depth)
        {
            result.Add(Node(id, depth));
            foreach (var child in Children(id))
            {
                Walk(child, depth + 1);
            }
        }
    }
}

/// <summary>Per requirement of a role: how many of its holders meet it (aggregate, withheld below the minimum group size); for admins, HR and leads.</summary>
[RequiresSignIn]
public sealed record GetRoleCoverageQuery(Guid RoleId) : IRequest<RoleCoverage>;

public sealed record RoleCoverage(Guid RoleId, string RoleName, int MinimumGroupSize, IReadOnlyList<RoleCoverageLine> Lines);

public sealed record RoleCoverageLine(Guid ToolId, string ToolName, int RequiredLevel, bool Mandatory, int Holders, int Meeting, bool Suppressed);

internal sealed class GetRoleCoverageQueryHandler(SkillsDbContext db, GapCalculator gaps, SkillsAccess access, CoverageDisclosure disclosure, IMediator mediator)
    : IRequestHandler<GetRoleCoverageQuery, RoleCoverage>
{
    public async Task<RoleCoverage> Handle(GetRoleCoverageQuery query, CancellationToken cancellationToken)
    {
        await access.EnsureHrOrLeadAsync(cancellationToken);
        var role = await db.Roles.AsNoTracking().FirstOrDefaultAsync(r => r.Id == query.RoleId, cancellationToken)
            ?? throw new NotFoundException(nameof(Domain.Role), query.RoleId);
        var rules = await access.RulesAsync(cancellationToken);
        var counts = (await gaps.RoleAsync(role.Id, cancellationToken)).ToDictionary(c => c.ToolId);
        var tree = new UnitTree(await mediator.Send(new GetOrgUnitsQuery(), cancellationToken));
        var withheld = await disclosure.WithheldAsync(tree, rules.MinimumGroupSize, cancellationToken);
        var requirements = await (from r in db.Requirements.AsNoTracking()
                                  where r.RoleId == role.Id
                                  join t in db.Tools.AsNoTracking() on r.ToolId equals t.Id
                                  orderby t.Name
                                  select new { r.ToolId, t.Name, r.Level, r.Mandatory }).ToListAsync(cancellationToken);
        var lines = requirements.Select(r =>
        {
            var c = counts.GetValueOrDefault(r.ToolId);
            var holders = c?.Holders ?? 0;
            var suppressed = withheld.Contains(CoverageFigure.Role(role.Id, r.ToolId));
            return new RoleCoverageLine(r.ToolId, r.Name, r.Level, r.Mandatory, suppressed ? 0 : holders, suppressed ? 0 : c?.Meeting ?? 0, suppressed);
        }).ToList();
        return new RoleCoverage(role.Id, role.Name, rules.MinimumGroupSize, lines);
    }
}

internal static class GapEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/skills/heatmap", async (Guid? unitId, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetHeatmapQuery(unitId), ct)));
        api.MapGet("/skills/roles/{roleId:guid}/coverage", async (Guid roleId, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetRoleCoverageQuery(roleId), ct)));
    }
}
