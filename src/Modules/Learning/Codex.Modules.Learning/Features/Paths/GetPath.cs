using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Enrolments;
using Codex.Modules.Learning.Persistence;
using Codex.Shared.Domain;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Features.Paths;

[RequiresSignIn]
public sealed record GetPathQuery(Guid Id) : IRequest<PathDetails>;

public sealed record PathDetails(
    Guid Id, string Title, string Description, bool AnyOrder, int? RecurrenceMonths, int Version, DateTimeOffset? ChangedAt,
    IReadOnlyList<StepDto> Steps, IReadOnlyList<AssignmentDto> Assignments);

public sealed record StepDto(
    Guid Id, int Position, string Title, string? Description, StepKind Kind, int EffortMinutes, string? Link, DateTimeOffset? ScheduledAt, string? Place,
    Guid? TargetToolId, int? TargetLevel, bool RequiresSignOff);

public sealed record AssignmentDto(Guid RoleId, string RoleName, int DueOffsetDays, DateTimeOffset AssignedAt);

internal sealed class GetPathQueryHandler(LearningDbContext db) : IRequestHandler<GetPathQuery, PathDetails>
{
    public async Task<PathDetails> Handle(GetPathQuery query, CancellationToken cancellationToken)
    {
        var path = await db.Paths.AsNoTracking().Include(p => p.Steps).Include(p => p.Assignments).AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException(nameof(LearningPath), query.Id);
        return new PathDetails(
            path.Id, path.Title, path.Description, path.AnyOrder, path.RecurrenceMonths, path.Version, path.ChangedAt,
            path.OrderedSteps.Select(ToDto).ToList(),
            path.Assignments.OrderBy(a => a.RoleName, StringComparer.CurrentCulture).Select(a => new AssignmentDto(a.RoleId, a.RoleName, a.DueOffsetDays, a.AssignedAt)).ToList());
    }

    public static StepDto ToDto(PathStep s) =>
        new(s.Id, s.Position, s.Title, s.Description, s.Kind, s.EffortMinutes, s.Link, s.ScheduledAt, s.Place, s.TargetToolId, s.TargetLevel, s.RequiresSignOff);
}

internal static class GetPathEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/learning/paths/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new GetPathQuery(id), ct)))
            .WithName("getPath")
            .WithSummary("Get a learning path with its steps and role assignments");
}
