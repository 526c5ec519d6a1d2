using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Persistence;
using MediatR;

namespace Codex.Modules.Skills.Features.Gaps;

/// <summary>Recounts the heatmap's coverage from scratch: nightly as a safety net, and after a unit moved.</summary>
public sealed record RebuildCoverageCommand : IRequest<Unit>
{
    public const string JobName = "skills-rebuild-coverage";
}

internal sealed class RebuildCoverageCommandHandler(SkillsDbContext db, IMediator mediator, TimeProvider clock) : IRequestHandler<RebuildCoverageCommand, Unit>
{
    public async Task<Unit> Handle(RebuildCoverageCommand request, CancellationToken cancellationToken)
    {
        var tree = new OrgUnitTree(await mediator.Send(new GetOrgUnitsQuery(), cancellationToken));
        await new CoverageMaintainer(db, tree).RebuildAsync(clock.GetUtcNow(), cancellationToken);
        return Unit.Value;
    }
}
