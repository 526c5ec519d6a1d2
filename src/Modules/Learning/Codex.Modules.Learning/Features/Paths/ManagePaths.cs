using Codex.Shared.Audit;
using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Enrolments;
using Codex.Modules.Learning.Persistence;
using Codex.Modules.Skills.Contracts;
using Codex.Shared.Domain;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Features.Paths;

[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record CreatePathCommand(string Title, string? Description, bool AnyOrder, int? RecurrenceMonths) : ICommand<Guid>;

/// <param name="Version">The version the user saw; a change based on an older one is refused (409).</param>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record UpdatePathCommand(Guid Id, string Title, string? Description, bool AnyOrder, int? RecurrenceMonths, int Version) : ICommand<Unit>;

/// <param name="StepId">Null adds a step at the end.</param>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record SaveStepCommand(
    Guid PathId, Guid? StepId, string Title, StepKind Kind, int EffortMinutes, string? Link, DateTimeOffset? ScheduledAt, string? Place,
    Guid? TargetToolId, int? TargetLevel, bool RequiresSignOff, string? Description, int Version) : ICommand<Guid>;

[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record RemoveStepCommand(Guid PathId, Guid StepId, int Version) : ICommand<Unit>;

/// <param name="Direction">-1 one place up, +1 one place down.</param>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record MoveStepCommand(Guid PathId, Guid StepId, int Direction, int Version) : ICommand<Unit>;

internal static class PathRules
{
    public static void Details<T>(AbstractValidator<T> v, System.Linq.Expressions.Expression<Func<T, string>> title,
        System.Linq.Expressions.Expression<Func<T, string?>> description, System.Linq.Expressions.Expression<Func<T, int?>> recurrence)
    {
        v.RuleFor(title).NotEmpty().MaximumLength(LearningPath.TitleMaxLength);
        v.RuleFor(description).MaximumLength(LearningPath.DescriptionMaxLength);
        v.RuleFor(recurrence).InclusiveBetween(1, LearningPath.MaxRecurrenceMonths);
    }

    public static async Task<LearningPath> LoadAsync(LearningDbContext db, Guid id, CancellationToken ct) =>
        await db.Paths.Include(p => p.Steps).Include(p => p.Assignments).FirstOrDefaultAsync(p => p.Id == id, ct)
        ?? throw new NotFoundException(nameof(LearningPath), id);
}

internal sealed class CreatePathCommandValidator : AbstractValidator<CreatePathCommand>
{
    public CreatePathCommandValidator() => PathRules.Details(this, c => c.Title, c => c.Description, c => c.RecurrenceMonths);
}

internal sealed class UpdatePathCommandValidator : AbstractValidator<UpdatePathCommand>
{
    public UpdatePathCommandValidator()
    {
        RuleFor(c => c.Id).NotEmpty();
        RuleFor(c => c.Version).GreaterThan(0);
        PathRules.Details(this, c => c.Title, c => c.Description, c => c.RecurrenceMonths);
    }
}

internal sealed class SaveStepCommandValidator : AbstractValidator<SaveStepCommand>
{
    public SaveStepCommandValidator(Microsoft.Extensions.Localization.IStringLocalizer<LearningTexts> texts)
    {
        RuleFor(c => c.PathId).NotEmpty();
        RuleFor(c => c.Version).GreaterThan(0);
        RuleFor(c => c.Title).NotEmpty().MaximumLength(PathStep.TitleMaxLength);
        RuleFor(c => c.Description).MaximumLength(PathStep.DescriptionMaxLength);
        RuleFor(c => c.Kind).IsInEnum();
        RuleFor(c => c.EffortMinutes).InclusiveBetween(1, PathStep.MaxEffortMinutes);
        RuleFor(c => c.Link).MaximumLength(PathStep.LinkMaxLength)
            .Must(l => l is null || l.Length == 0 || (Uri.TryCreate(l, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp)) || (l.StartsWith('/') && !l.StartsWith("//", StringComparison.Ordinal)))
            .WithMessage(texts["Step.LinkInvalid"]);
        RuleFor(c => c.Place).MaximumLength(PathStep.PlaceMaxLength);
        RuleFor(c => c.ScheduledAt).NotNull().When(c => c.Kind == StepKind.Workshop);
        RuleFor(c => c.Place).NotEmpty().When(c => c.Kind == StepKind.Workshop);
        RuleFor(c => c.TargetLevel).InclusiveBetween(1, 4).NotNull().When(c => c.TargetToolId is not null);
        RuleFor(c => c.TargetToolId).NotNull().When(c => c.TargetLevel is not null);
    }
}

internal sealed class CreatePathCommandHandler(LearningDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<CreatePathCommand, Guid>
{
    public async Task<Guid> Handle(CreatePathCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var path = LearningPath.Create(Guid.NewGuid(), command.Title, command.Description ?? "", command.AnyOrder, command.RecurrenceMonths, now);
        path.Touch(user.PersonId, now);
        db.Paths.Add(path);
        await db.SaveChangesAsync(cancellationToken);
        return path.Id;
    }
}

internal sealed class UpdatePathCommandHandler(LearningDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<UpdatePathCommand, Unit>
{
    public async Task<Unit> Handle(UpdatePathCommand command, CancellationToken cancellationToken)
    {
        var path = await PathRules.LoadAsync(db, command.Id, cancellationToken);
        db.ExpectVersion(path, command.Version);
        path.Update(command.Title, command.Description ?? "", command.AnyOrder, command.RecurrenceMonths);
        path.Touch(user.PersonId, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal sealed class SaveStepCommandHandler(LearningDbContext db, ICurrentUser user, TimeProvider clock, IMediator mediator) : IRequestHandler<SaveStepCommand, Guid>
{
    public async Task<Guid> Handle(SaveStepCommand c, CancellationToken cancellationToken)
    {
        var path = await PathRules.LoadAsync(db, c.PathId, cancellationToken);
        db.ExpectVersion(path, c.Version);
        if (c.TargetToolId is { } toolId && (await mediator.Send(new GetToolCatalogueQuery(), cancellationToken)).All(t => t.ToolId != toolId))
        {
            throw new DomainException("Step.ToolUnknown", "The target tool is not in the tool catalogue.");
        }

        var details = new StepDetails(c.Title, c.Kind, c.EffortMinutes, c.Link, c.ScheduledAt?.ToUniversalTime(), c.Place, c.TargetToolId, c.TargetLevel, c.RequiresSignOff, c.Description);
        var stepId = c.StepId ?? Guid.NewGuid();
        if (c.StepId is null)
        {
            path.AddStep(stepId, details);
        }
        else
        {
            path.UpdateStep(stepId, details);
        }

        path.Touch(user.PersonId, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return stepId;
    }
}

internal sealed class RemoveStepCommandHandler(LearningDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<RemoveStepCommand, Unit>
{
    public async Task<Unit> Handle(RemoveStepCommand c, CancellationToken cancellationToken)
    {
        var path = await PathRules.LoadAsync(db, c.PathId, cancellationToken);
        db.ExpectVersion(path, c.Version);
        path.RemoveStep(c.StepId);
        path.Touch(user.PersonId, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal sealed class MoveStepCommandHandler(LearningDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<MoveStepCommand, Unit>
{
    public async Task<Unit> Handle(MoveStepCommand c, CancellationToken cancellationToken)
    {
        var path = await PathRules.LoadAsync(db, c.PathId, cancellationToken);
        db.ExpectVersion(path, c.Version);
        path.MoveStep(c.StepId, c.Direction);
        path.Touch(user.PersonId, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>HR assigns the path to a role: every holder is enrolled at once (set-based), later holders by the listener.</summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record AssignPathCommand(Guid PathId, Guid RoleId, int DueOffsetDays) : ICommand<int>;

[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record UnassignPathCommand(Guid PathId, Guid RoleId) : ICommand<Unit>;

internal sealed class AssignPathCommandValidator : AbstractValidator<AssignPathCommand>
{
    public AssignPathCommandValidator()
    {
        RuleFor(c => c.PathId).NotEmpty();
        RuleFor(c => c.RoleId).NotEmpty();
        RuleFor(c => c.DueOffsetDays).InclusiveBetween(1, PathAssignment.MaxDueOffsetDays);
    }
}

internal sealed class AssignPathCommandHandler(LearningDbContext db, Enroller enroller, IMediator mediator, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<AssignPathCommand, int>
{
    public async Task<int> Handle(AssignPathCommand c, CancellationToken cancellationToken)
    {
        var path = await PathRules.LoadAsync(db, c.PathId, cancellationToken);
        var role = (await mediator.Send(new GetRoleListQuery(), cancellationToken)).FirstOrDefault(r => r.RoleId == c.RoleId)
            ?? throw new DomainException("Assign.RoleUnknown", "There is no such role.");
        var now = clock.GetUtcNow();
        path.AssignToRole(role.RoleId, role.Name, c.DueOffsetDays, now);
        path.Touch(user.PersonId, now);
        db.AuditTrail.Add(AuditRecord.Of(now, user, "path.assigned", subjectPersonId: null, path.Title, role.Name));
        await db.SaveChangesAsync(cancellationToken);
        return await enroller.EnrolRoleHoldersAsync(path.Id, role.RoleId, now, now.AddDays(c.DueOffsetDays), cancellationToken);
    }
}

internal sealed class UnassignPathCommandHandler(LearningDbContext db, Enroller enroller, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<UnassignPathCommand, Unit>
{
    public async Task<Unit> Handle(UnassignPathCommand c, CancellationToken cancellationToken)
    {
        var path = await PathRules.LoadAsync(db, c.PathId, cancellationToken);
        var now = clock.GetUtcNow();
        path.UnassignRole(c.RoleId);
        path.Touch(user.PersonId, now);
        db.AuditTrail.Add(AuditRecord.Of(now, user, "path.unassigned", subjectPersonId: null, path.Title));
        await db.SaveChangesAsync(cancellationToken);
        await enroller.ArchiveUnbackedForPathAsync(path.Id, now, cancellationToken);
        return Unit.Value;
    }
}

[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record ListPathsQuery(string? Search = null, int Page = 1, int PageSize = 25) : IRequest<PagedResult<PathListItem>>;

public sealed record PathListItem(Guid Id, string Title, int StepCount, int? RecurrenceMonths, IReadOnlyList<string> Roles);

internal sealed class ListPathsQueryValidator : AbstractValidator<ListPathsQuery>
{
    public ListPathsQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, PagingExtensions.MaxPageSize);
        RuleFor(q => q.Search).MaximumLength(100);
    }
}

internal sealed class ListPathsQueryHandler(LearningDbContext db) : IRequestHandler<ListPathsQuery, PagedResult<PathListItem>>
{
    public async Task<PagedResult<PathListItem>> Handle(ListPathsQuery query, CancellationToken cancellationToken)
    {
        var paths = db.Paths.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLower();
            paths = paths.Where(p => p.Title.ToLower().Contains(term));
        }

        var page = await paths.OrderBy(p => p.Title).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Title, StepCount = p.Steps.Count, p.RecurrenceMonths })
            .ToPagedAsync(query.Page, query.PageSize, cancellationToken);
        var ids = page.Items.Select(p => p.Id).ToList();
        var roles = (await db.Assignments.AsNoTracking().Where(a => ids.Contains(a.PathId)).Select(a => new { a.PathId, a.RoleName }).ToListAsync(cancellationToken))
            .ToLookup(a => a.PathId, a => a.RoleName);
        return new PagedResult<PathListItem>(
            page.Items.Select(p => new PathListItem(p.Id, p.Title, p.StepCount, p.RecurrenceMonths, roles[p.Id].Order(StringComparer.CurrentCulture).ToList())).ToList(),
            page.Page, page.PageSize, page.TotalCount);
    }
}

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

internal static class PathEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/learning/paths", async (string? search, int? page, int? pageSize, IMediator m, CancellationToken ct) =>
            Results.Ok(await m.Send(new ListPathsQuery(search, page ?? 1, pageSize ?? 25), ct)));
        api.MapGet("/learning/paths/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new GetPathQuery(id), ct)));
        api.MapPost("/learning/paths", async (CreatePathCommand command, IMediator m, CancellationToken ct) =>
        {
            var id = await m.Send(command, ct);
            return Results.Created($"/api/learning/paths/{id}", new { id });
        });
        api.MapPut("/learning/paths/{id:guid}", async (Guid id, UpdatePathCommand command, IMediator m, CancellationToken ct) =>
        {
            await m.Send(command with { Id = id }, ct);
            return Results.NoContent();
        });
        api.MapPost("/learning/paths/{id:guid}/steps", async (Guid id, SaveStepCommand command, IMediator m, CancellationToken ct) =>
            Results.Ok(new { id = await m.Send(command with { PathId = id }, ct) }));
        api.MapPost("/learning/paths/{id:guid}/steps/{stepId:guid}/move", async (Guid id, Guid stepId, MoveStepCommand command, IMediator m, CancellationToken ct) =>
        {
            await m.Send(command with { PathId = id, StepId = stepId }, ct);
            return Results.NoContent();
        });
        api.MapDelete("/learning/paths/{id:guid}/steps/{stepId:guid}", async (Guid id, Guid stepId, int version, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new RemoveStepCommand(id, stepId, version), ct);
            return Results.NoContent();
        });
        api.MapPost("/learning/paths/{id:guid}/assignments", async (Guid id, AssignPathCommand command, IMediator m, CancellationToken ct) =>
            Results.Ok(new { enrolled = await m.Send(command with { PathId = id }, ct) }));
        api.MapDelete("/learning/paths/{id:guid}/assignments/{roleId:guid}", async (Guid id, Guid roleId, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new UnassignPathCommand(id, roleId), ct);
            return Results.NoContent();
        });
    }
}
