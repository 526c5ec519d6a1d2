using Codex.Modules.Skills.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Gaps;

/// <summary>What a person's roles require of one tool and where they stand.</summary>
/// <param name="RequiredLevel">The highest level any of the person's roles requires.</param>
/// <param name="Mandatory">Whether any of those roles makes the tool mandatory (otherwise only recommended).</param>
internal sealed record ToolStatus(Guid ToolId, string ToolName, int RequiredLevel, bool Mandatory, int CurrentLevel, bool ConfirmedByLead)
{
    public bool IsMet => CurrentLevel >= RequiredLevel;
}

/// <summary>Holders: people in the unit whose roles require the tool; Meeting: those at or above the required level.</summary>
internal sealed record UnitToolCount(Guid UnitId, Guid ToolId, int Holders, int Meeting);

internal sealed record RoleToolCount(Guid ToolId, int RequiredLevel, bool Mandatory, int Holders, int Meeting);

/// <summary>The gap arithmetic, done in the database: no person is loaded to count.</summary>
internal sealed class GapCalculator(SkillsDbContext db)
{
    public async Task<IReadOnlyList<ToolStatus>> PersonAsync(Guid personId, CancellationToken cancellationToken)
    {
        var requirements = await (
            from a in db.RoleAssignments.AsNoTracking()
            where a.PersonId == personId
            join r in db.Requirements.AsNoTracking() on a.RoleId equals r.RoleId
            join t in db.Tools.AsNoTracking() on r.ToolId equals t.Id
            select new { r.ToolId, t.Name, r.Level, r.Mandatory }).ToListAsync(cancellationToken);
        var current = await db.Proficiencies.AsNoTracking().Where(p => p.PersonId == personId)
            .ToDictionaryAsync(p => p.ToolId, p => new { p.Level, p.ConfirmedByLead }, cancellationToken);
        return requirements
            .GroupBy(r => (r.ToolId, r.Name))
            .Select(g =>
            {
                var level = current.GetValueOrDefault(g.Key.ToolId);
                return new ToolStatus(g.Key.ToolId, g.Key.Name, g.Max(r => r.Level), g.Any(r => r.Mandatory), level?.Level ?? 0, level?.ConfirmedByLead ?? false);
            })
            .OrderBy(s => s.ToolName, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <summary>Per unit and tool: one GROUP BY over members × the highest level their roles require.</summary>
    /// <remarks>
    /// Driven from the units' members (unit and person first, then their roles): aggregating the
    /// requirements of every person in the installation first and then matching members made SQLite
    /// probe each aggregated row against every unit id of the IN list (10,000 people: over 100 s).
    /// </remarks>
    public async Task<IReadOnlyList<UnitToolCount>> UnitsAsync(IReadOnlyCollection<Guid> unitIds, CancellationToken cancellationToken)
    {
        var required =
            from m in db.UnitMembers
            where unitIds.Contains(m.UnitId)
            join a in db.RoleAssignments on m.PersonId equals a.PersonId
            join r in db.Requirements on a.RoleId equals r.RoleId
            group r.Level by new { m.UnitId, m.PersonId, r.ToolId } into g
            select new { g.Key.UnitId, g.Key.PersonId, g.Key.ToolId, Level = g.Max() };

        var rows =
            from q in required
            join p in db.Proficiencies on new { q.PersonId, q.ToolId } equals new { p.PersonId, p.ToolId } into ps
            from p in ps.DefaultIfEmpty()
            select new { q.UnitId, q.ToolId, Met = p != null && p.Level >= q.Level ? 1 : 0 };

        return await rows
            .GroupBy(x => new { x.UnitId, x.ToolId })
            .Select(g => new UnitToolCount(g.Key.UnitId, g.Key.ToolId, g.Count(), g.Sum(x => x.Met)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Per requirement of one role: how many of its holders meet it.</summary>
    public async Task<IReadOnlyList<RoleToolCount>> RoleAsync(Guid roleId, CancellationToken cancellationToken)
    {
        var rows =
            from r in db.Requirements
            where r.RoleId == roleId
            join a in db.RoleAssignments on r.RoleId equals a.RoleId
            join p in db.Proficiencies on new { a.PersonId, r.ToolId } equals new { p.PersonId, p.ToolId } into ps
            from p in ps.DefaultIfEmpty()
            select new { r.ToolId, r.Level, r.Mandatory, Met = p != null && p.Level >= r.Level ? 1 : 0 };

        return await rows
            .GroupBy(x => new { x.ToolId, x.Level, x.Mandatory })
            .Select(g => new RoleToolCount(g.Key.ToolId, g.Key.Level, g.Key.Mandatory, g.Count(), g.Sum(x => x.Met)))
            .ToListAsync(cancellationToken);
    }
}
