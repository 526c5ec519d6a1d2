using Codex.Modules.Learning.Contracts;
using MediatR;

namespace Codex.Modules.Learning.Features.Paths;

// placeholder until the Learning module's handler merges
internal sealed class GetPathsForGapsQueryHandler : IRequestHandler<GetPathsForGapsQuery, IReadOnlyList<SuggestedPath>>
{
    public Task<IReadOnlyList<SuggestedPath>> Handle(GetPathsForGapsQuery request, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SuggestedPath>>([]);
}
