using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Paths;
using Codex.Modules.Learning.Persistence;
using Codex.Modules.Organization.Contracts;
using Codex.Shared.Domain;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Features.Enrolments;

public sealed record EnrolmentStepView(StepDto Step, StepProgressState? State, DateTimeOffset? SubmittedAt, DateTimeOffset? CompletedAt, string? Evidence, bool IsOpenNow);

public sealed record EnrolmentView(
    Guid Id, Guid PersonId, string PersonName, Guid PathId, string PathTitle, string PathDescription, bool AnyOrder, int Cycle,
    EnrolmentStatus Status, DateTimeOffset DueOn, DateTimeOffset? CompletedAt, DateTimeOffset? ExpiresAt, int Percent, int Version,
    bool IsLearner, bool MaySignOff, IReadOnlyList<EnrolmentStepView> Steps);

[RequiresSignIn]
public sealed record GetEnrolmentQuery(Guid Id) : IRequest<EnrolmentView>;

internal sealed class GetEnrolmentQueryHandler(LearningDbContext db, LearningAccess access, IMediator mediator, TimeProvider clock)
    : IRequestHandler<GetEnrolmentQuery, EnrolmentView>
{
    public async Task<EnrolmentView> Handle(GetEnrolmentQuery query, CancellationToken cancellationToken)
    {
        var (enrolment, path) = await EnrolmentLoading.LoadAsync(db, query.Id, cancellationToken);
        await access.EnsureMaySeeAsync(enrolment, cancellationToken);
        if (access.ViewBySomeoneElse(enrolment, clock.GetUtcNow()) is { } view)
        {
            db.ProgressViews.Add(view);
            await db.SaveChangesAsync(cancellationToken);
        }

        var rules = EnrolmentLoading.Rules(path);
        var open = enrolment.State == EnrolmentState.Active ? enrolment.OpenSteps(rules, path.AnyOrder).Select(r => r.StepId).ToHashSet() : [];
        var name = (await mediator.Send(new GetPeopleContactsQuery([enrolment.PersonId]), cancellationToken)).FirstOrDefault()?.DisplayName ?? "";
        var steps = path.OrderedSteps.Select(s =>
        {
            var p = enrolment.Steps.FirstOrDefault(x => x.StepId == s.Id);
            return new EnrolmentStepView(GetPathQueryHandler.ToDto(s), p?.State, p?.SubmittedAt, p?.CompletedAt, p?.Evidence, open.Contains(s.Id));
        }).ToList();
        return new EnrolmentView(
            enrolment.Id, enrolment.PersonId, name, path.Id, path.Title, path.Description, path.AnyOrder, enrolment.Cycle,
            enrolment.StatusAt(clock.GetUtcNow()), enrolment.DueOn, enrolment.CompletedAt, enrolment.ExpiresAt,
            Percent(steps.Count(s => s.State == StepProgressState.Completed), steps.Count), enrolment.Version,
            access.Me == enrolment.PersonId, await access.MaySignOffAsync(enrolment, cancellationToken), steps);
    }

    public static int Percent(int done, int total) => total == 0 ? 0 : (int)Math.Round(100.0 * done / total);
}

internal static class GetEnrolmentEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/learning/enrolments/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new GetEnrolmentQuery(id), ct)))
            .WithName("getEnrolment")
            .WithSummary("Get an enrolment with the progress of each step");
}
