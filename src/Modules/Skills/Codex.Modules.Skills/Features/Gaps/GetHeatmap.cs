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
        var tree = new OrgUnitTree(units);
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
        var scope = Node(tree.Find(scopeId)!, 0);
        var rows = new List<HeatmapUnit> { scope };
        rows.AddRange(tree.Children(scopeId).Select(c => Node(c, 1)));

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

    private async Task<IReadOnlyList<HeatmapUnit>> SelectableAsync(OrgUnitTree tree, CancellationToken cancellationToken)
    {
        if (user.IsInRole(CodexRoles.Admin) || user.IsInRole(CodexRoles.HR))
        {
            return All(tree);
        }

        // Organization's answer already holds every unit below the led ones.
        var ids = (await access.LedUnitsAsync(cancellationToken)).ToHashSet();
        return All(tree).Where(u => ids.Contains(u.Id)).ToList();
    }

    private static HeatmapUnit Node(OrgUnitSummary unit, int depth) => new(unit.Id, unit.Name, unit.Level, depth);

    /// <summary>Depth-first, so a picker shows the hierarchy.</summary>
    private static List<HeatmapUnit> All(OrgUnitTree tree) => [.. tree.InOrder().Select(u => Node(u.Unit, u.Depth))];
}

internal static class GetHeatmapEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/skills/heatmap", async (Guid? unitId, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetHeatmapQuery(unitId), ct)))
            .WithName("getSkillsHeatmap")
            .WithSummary("Get the share of role holders meeting their requirements, per unit and tool");
    }
}
