using Codex.Modules.Learning.Contracts;
using Codex.Modules.Learning.Persistence;
using Codex.Modules.Skills.Contracts;
using MediatR;

namespace Codex.Modules.Learning.Features.Paths;

/// <summary>
/// Skills' "suggested learning" (declared in Skills' contracts, so that Skills needs nothing of Learning):
/// the same answer as <see cref="GetPathsForGapsQuery"/>.
/// </summary>
internal sealed class GetSuggestedLearningQueryHandler(LearningDbContext db) : IRequestHandler<GetSuggestedLearningQuery, IReadOnlyList<SuggestedLearningPath>>
{
    public async Task<IReadOnlyList<SuggestedLearningPath>> Handle(GetSuggestedLearningQuery request, CancellationToken cancellationToken)
    {
        var paths = await new GetPathsForGapsQueryHandler(db).Handle(
            new GetPathsForGapsQuery([.. request.Gaps.Select(g => new ToolLevel(g.ToolId, g.Level))]), cancellationToken);
        return [.. paths.Select(p => new SuggestedLearningPath(p.PathId, p.Title, p.ToolId, p.Level))];
    }
}
