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

public sealed record SignOffItem(Guid EnrolmentId, Guid StepId, Guid PersonId, string PersonName, string PathTitle, string StepTitle, string? Evidence, DateTimeOffset SubmittedAt, int Version);

/// <summary>Steps waiting for the signed-in lead's or mentor's sign-off, oldest first.</summary>
[RequiresSignIn]
public sealed record GetSignOffQueueQuery : IRequest<IReadOnlyList<SignOffItem>>;

internal sealed class GetSignOffQueueQueryHandler(LearningDbContext db, LearningAccess access, IMediator mediator)
    : IRequestHandler<GetSignOffQueueQuery, IReadOnlyList<SignOffItem>>
{
    private const int Limit = 200;

    public async Task<IReadOnlyList<SignOffItem>> Handle(GetSignOffQueueQuery query, CancellationToken cancellationToken)
    {
        var me = access.Me;
        // The members of the units I lead and of every unit below them, from Organization.
        var myUnits = await mediator.Send(new GetLedUnitsQuery(me), cancellationToken);
        var myPeople = myUnits.Count == 0
            ? []
            : (await mediator.Send(new GetUnitMembershipsQuery(myUnits), cancellationToken)).Select(m => m.PersonId).Where(p => p != me).Distinct().ToList();
        var rows = await (
                from p in db.StepProgress.AsNoTracking()
                join e in db.Enrolments.AsNoTracking() on p.EnrolmentId equals e.Id
                join s in db.Steps.AsNoTracking() on p.StepId equals s.Id
                join path in db.Paths.AsNoTracking() on e.PathId equals path.Id
                where p.State == StepProgressState.AwaitingSignOff && e.State == EnrolmentState.Active
                      && e.PersonId != me && (e.MentorPersonId == me || EF.Parameter(myPeople).Contains(e.PersonId))
                orderby p.SubmittedAt
                select new { e.Id, p.StepId, e.PersonId, PathTitle = path.Title, StepTitle = s.Title, p.Evidence, p.SubmittedAt, e.Version })
            .Take(Limit)
            .ToListAsync(cancellationToken);
        var names = (await mediator.Send(new GetPeopleContactsQuery(rows.Select(r => r.PersonId).Distinct().ToList()), cancellationToken))
            .ToDictionary(c => c.PersonId, c => c.DisplayName);
        return rows.Select(r => new SignOffItem(r.Id, r.StepId, r.PersonId, names.GetValueOrDefault(r.PersonId, ""), r.PathTitle, r.StepTitle, r.Evidence, r.SubmittedAt, r.Version)).ToList();
    }
}

internal static class GetSignOffQueueEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/learning/sign-offs", async (IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new GetSignOffQueueQuery(), ct)))
            .WithName("getSignOffQueue")
            .WithSummary("List the steps waiting for your sign-off, oldest first");
}
