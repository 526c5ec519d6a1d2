using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Paths;
using Codex.Modules.Learning.Persistence;
using Codex.Shared.Domain;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Features.Enrolments;

public sealed record MyPathCard(
    Guid EnrolmentId, Guid PathId, string PathTitle, EnrolmentStatus Status, DateTimeOffset DueOn, int Done, int Total, int Percent,
    string? NextStepTitle, StepKind? NextStepKind, DateTimeOffset? CompletedAt, DateTimeOffset? ExpiresAt);

/// <summary>"Mein Lernen": the current cycle of each of the signed-in person's paths (archived ones left out).</summary>
[RequiresSignIn]
public sealed record GetMyLearningQuery : IRequest<IReadOnlyList<MyPathCard>>;

internal sealed class GetMyLearningQueryHandler(LearningDbContext db, LearningAccess access, TimeProvider clock)
    : IRequestHandler<GetMyLearningQuery, IReadOnlyList<MyPathCard>>
{
    public async Task<IReadOnlyList<MyPathCard>> Handle(GetMyLearningQuery query, CancellationToken cancellationToken)
    {
        var me = access.Me;
        var enrolments = (await db.Enrolments.AsNoTracking().Include(e => e.Steps)
                .Where(e => e.PersonId == me && e.State != EnrolmentState.Archived)
                .ToListAsync(cancellationToken))
            .GroupBy(e => e.PathId).Select(g => g.MaxBy(e => e.Cycle)!).ToList();
        var pathIds = enrolments.Select(e => e.PathId).ToList();
        var paths = await db.Paths.AsNoTracking().Include(p => p.Steps).Where(p => pathIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var now = clock.GetUtcNow();
        return enrolments.Select(e =>
            {
                var path = paths[e.PathId];
                var rules = EnrolmentLoading.Rules(path);
                var done = rules.Count(r => e.IsDone(r.StepId));
                var next = e.State == EnrolmentState.Active ? e.OpenSteps(rules, path.AnyOrder).FirstOrDefault() : null;
                var nextStep = next is null ? null : path.FindStep(next.StepId);
                return new MyPathCard(e.Id, path.Id, path.Title, e.StatusAt(now), e.DueOn, done, rules.Count,
                    GetEnrolmentQueryHandler.Percent(done, rules.Count), nextStep?.Title, nextStep?.Kind, e.CompletedAt, e.ExpiresAt);
            })
            .OrderBy(c => c.Status == EnrolmentStatus.Completed).ThenBy(c => c.DueOn).ToList();
    }
}

internal static class GetMyLearningEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/learning/me", async (IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new GetMyLearningQuery(), ct)))
            .WithName("getMyLearning")
            .WithSummary("Get the current cycle of each of your learning paths");
}
