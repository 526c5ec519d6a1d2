using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Gaps;

/// <summary>A coverage figure shown somewhere: a unit's holders of a tool (heatmap) or a role's (role coverage).</summary>
internal readonly record struct CoverageFigure(bool IsRole, Guid GroupId, Guid ToolId)
{
    public static CoverageFigure Unit(Guid unitId, Guid toolId) => new(false, unitId, toolId);

    public static CoverageFigure Role(Guid roleId, Guid toolId) => new(true, roleId, toolId);
}

/// <summary>
/// Which coverage figures are withheld, decided once for all of them together: every level of the
/// heatmap and every role's coverage, so that no page, scope or API response can be set against
/// another to work a withheld figure out. Per tool a unit's figure adds up from its child units', and
/// the organisation's from the roles requiring the tool. Decided on every read, from the whole
/// coverage table (a few rows per unit and tool); keeping it per coverage generation is issue 18's.
/// </summary>
internal sealed class CoverageDisclosure(SkillsDbContext db, GapCalculator gaps)
{
    public async Task<IReadOnlySet<CoverageFigure>> WithheldAsync(OrgUnitTree tree, int minimumGroupSize, CancellationToken cancellationToken)
    {
        var people = new Dictionary<CoverageFigure, int>();
        await foreach (var c in db.UnitCoverage.AsNoTracking().Select(c => new { c.UnitId, c.ToolId, c.Holders }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            people[CoverageFigure.Unit(c.UnitId, c.ToolId)] = c.Holders;
        }

        foreach (var line in await gaps.AllRolesAsync(cancellationToken))
        {
            people[CoverageFigure.Role(line.RoleId, line.ToolId)] = line.Holders;
        }

        var tools = people.Keys.Select(f => f.ToolId).Distinct().ToList();
        var relations = new List<DisclosureRelation<CoverageFigure>>();
        foreach (var unitId in tree.Units.Select(u => u.Id))
        {
            // Ordered by id, not by name: the same decision whatever language the reader uses.
            var children = tree.Children(unitId).Select(c => c.Id).Order().ToList();
            if (children.Count > 0)
            {
                relations.AddRange(tools.Select(t => new DisclosureRelation<CoverageFigure>(
                    CoverageFigure.Unit(unitId, t), children.Select(c => CoverageFigure.Unit(c, t)).ToList())));
            }
        }

        if (tree.Roots is [{ Id: var organisation }])
        {
            var roles = people.Keys.Where(f => f.IsRole).GroupBy(f => f.ToolId);
            relations.AddRange(roles.Select(g => new DisclosureRelation<CoverageFigure>(
                CoverageFigure.Unit(organisation, g.Key), g.OrderBy(f => f.GroupId).ToList())));
        }

        return DisclosureControl.Withheld(people, relations, minimumGroupSize);
    }
}
