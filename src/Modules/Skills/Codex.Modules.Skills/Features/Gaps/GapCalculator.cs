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

internal sealed record RoleToolCount(Guid ToolId, int RequiredLevel, bool Mandatory, int Holders, int Meeting);

internal sealed record RoleToolHolders(Guid RoleId, Guid ToolId, int Holders);

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

    /// <summary>Per role and required tool: how many people hold the role (what role coverage shows as holders).</summary>
    public async Task<IReadOnlyList<RoleToolHolders>> AllRolesAsync(CancellationToken cancellationToken) =>
        await (from r in db.Requirements
               join a in db.RoleAssignments on r.RoleId equals a.RoleId
               group a by new { r.RoleId, r.ToolId } into g
               select new RoleToolHolders(g.Key.RoleId, g.Key.ToolId, g.Count())).ToListAsync(cancellationToken);
}
