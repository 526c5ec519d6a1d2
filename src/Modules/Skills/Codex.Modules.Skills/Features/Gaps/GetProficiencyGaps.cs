using Codex.Modules.Skills.Contracts;
using Codex.Modules.Skills.Features.Common;
using MediatR;

namespace Codex.Modules.Skills.Features.Gaps;

/// <summary>A person's gaps, for the person and (by contract) for the Learning module's recommendations.</summary>
internal sealed class GetProficiencyGapsQueryHandler(GapCalculator gaps, SkillsAccess access, TimeProvider clock)
    : IRequestHandler<GetProficiencyGapsQuery, IReadOnlyList<ProficiencyGap>>
{
    public async Task<IReadOnlyList<ProficiencyGap>> Handle(GetProficiencyGapsQuery query, CancellationToken cancellationToken)
    {
        await access.EnsureMaySeeIndividualAsync(query.PersonId, cancellationToken);
        var status = await gaps.PersonAsync(query.PersonId, cancellationToken);
        await access.RecordIndividualViewAsync(query.PersonId, "gaps", clock.GetUtcNow(), cancellationToken);
        return status.Where(s => !s.IsMet)
            .Select(s => new ProficiencyGap(s.ToolId, s.ToolName, s.RequiredLevel, s.CurrentLevel, s.Mandatory))
            .ToList();
    }
}
