using Codex.Modules.Learning.Contracts;
using Codex.Modules.Learning.Features.Enrolments;
using Codex.Modules.Skills.Contracts;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Codex.Modules.Learning.Pages.Learning;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<MyPathCard> Cards { get; private set; } = [];

    public IReadOnlyList<(SuggestedPath Path, string ToolName)> Recommendations { get; private set; } = [];

    public bool HasGaps { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Cards = await mediator.Send(new GetMyLearningQuery(), ct);
        if (Guid.TryParse(User.FindFirst("codex:person")?.Value, out var me))
        {
            var gaps = await mediator.Send(new GetProficiencyGapsQuery(me), ct);
            HasGaps = gaps.Count > 0;
            var names = gaps.ToDictionary(g => g.ToolId, g => g.ToolName);
            var enrolled = Cards.Select(c => c.PathId).ToHashSet();
            var suggestions = await mediator.Send(new GetPathsForGapsQuery([.. gaps.Select(g => new ToolLevel(g.ToolId, g.RequiredLevel))]), ct);
            Recommendations = [.. suggestions.Where(s => !enrolled.Contains(s.PathId)).Select(s => (s, names.GetValueOrDefault(s.ToolId, "")))];
        }
    }
}
