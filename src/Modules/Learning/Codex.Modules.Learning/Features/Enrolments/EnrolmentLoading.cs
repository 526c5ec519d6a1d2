using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Paths;
using Codex.Modules.Learning.Persistence;
using Codex.Shared.Domain;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Features.Enrolments;

internal static class EnrolmentLoading
{
    public static async Task<(Enrolment Enrolment, LearningPath Path)> LoadAsync(LearningDbContext db, Guid enrolmentId, CancellationToken ct)
    {
        var enrolment = await db.Enrolments.Include(e => e.Steps).FirstOrDefaultAsync(e => e.Id == enrolmentId, ct)
            ?? throw new NotFoundException(nameof(Enrolment), enrolmentId);
        var path = await db.Paths.Include(p => p.Steps).FirstAsync(p => p.Id == enrolment.PathId, ct);
        return (enrolment, path);
    }

    public static string? StepTitle(LearningPath path, StepRule step) => path.Steps.FirstOrDefault(s => s.Id == step.StepId)?.Title;

    public static List<StepRule> Rules(LearningPath path) =>
        path.OrderedSteps.Select(s => new StepRule(s.Id, s.Position, s.RequiresSignOff, s.TargetToolId, s.TargetLevel)).ToList();
}
