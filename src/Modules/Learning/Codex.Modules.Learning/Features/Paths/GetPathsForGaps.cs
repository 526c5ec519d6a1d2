using Codex.Modules.Learning.Contracts;
using Codex.Modules.Learning.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Features.Paths;

/// <summary>
/// For each gap (tool, level), the paths with a step that leads to at least that level of the tool.
/// One query over the step index; the gaps are few (a person's tools), so matching happens in memory.
/// </summary>
internal sealed class GetPathsForGapsQueryHandler(LearningDbContext db) : IRequestHandler<GetPathsForGapsQuery, IReadOnlyList<SuggestedPath>>
{
    public async Task<IReadOnlyList<SuggestedPath>> Handle(GetPathsForGapsQuery request, CancellationToken cancellationToken)
    {
        var toolIds = request.Gaps.Select(g => g.ToolId).Distinct().ToList();
        if (toolIds.Count == 0)
        {
            return [];
        }

        var candidates = await (
                from step in db.Steps.AsNoTracking()
                join path in db.Paths.AsNoTracking() on step.PathId equals path.Id
                where step.TargetToolId != null && toolIds.Contains(step.TargetToolId.Value)
                select new { path.Id, path.Title, ToolId = step.TargetToolId!.Value, Level = step.TargetLevel!.Value })
            .ToListAsync(cancellationToken);

        var suggestions = new List<SuggestedPath>();
        foreach (var gap in request.Gaps.DistinctBy(g => g.ToolId))
        {
            // Per path the highest level it reaches for the tool; it closes the gap when that is enough.
            suggestions.AddRange(candidates
                .Where(c => c.ToolId == gap.ToolId)
                .GroupBy(c => new { c.Id, c.Title })
                .Select(g => new SuggestedPath(g.Key.Id, g.Key.Title, gap.ToolId, g.Max(c => c.Level)))
                .Where(s => s.Level >= gap.Level)
                .OrderBy(s => s.Level).ThenBy(s => s.Title, StringComparer.CurrentCulture));
        }

        return suggestions;
    }
}
