using Codex.Shared.Audit;
using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Paths;
using Codex.Modules.Learning.Persistence;
using Codex.Modules.Organization.Contracts;
using Codex.Shared.Domain;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Features.Enrolments;

/// <summary>
/// Who may see and act on an enrolment: the learner, a lead of one of their units or of a unit above them, or
/// their mentor. Lead rights are asked of Organization (the membership lead flag) on each request, not of this
/// module's copy of the memberships, so a new or removed flag counts from the next request on.
/// </summary>
internal sealed class LearningAccess(IMediator mediator, ICurrentUser user)
{
    public Guid Me => user.PersonId ?? throw new ForbiddenException();

    public async Task<bool> MaySignOffAsync(Enrolment enrolment, CancellationToken ct)
    {
        var me = Me;
        if (me == enrolment.PersonId)
        {
            return false;
        }

        return enrolment.MentorPersonId == me || await mediator.Send(new LeadsPersonQuery(me, enrolment.PersonId), ct);
    }

    public bool IsHr => user.IsInRole(CodexRoles.HR) || user.IsInRole(CodexRoles.Admin);

    /// <summary>
    /// Someone other than the learner (a lead, a mentor, HR) sees the enrolment's progress: recorded, so the learner
    /// sees under "Meine Daten" who looked and when. The learner's own reads leave nothing.
    /// </summary>
    public ProgressView? ViewBySomeoneElse(Enrolment enrolment, DateTimeOffset now) =>
        user.PersonId == enrolment.PersonId ? null
            : new ProgressView(Guid.NewGuid(), enrolment.PersonId, enrolment.Id, user.PersonId, user.Name ?? "", now);

    /// <summary>The learner, their leads and mentor, and HR (who manages learning) may look at an enrolment.</summary>
    public async Task EnsureMaySeeAsync(Enrolment enrolment, CancellationToken ct)
    {
        if (user.PersonId != enrolment.PersonId && !IsHr && !await MaySignOffAsync(enrolment, ct))
        {
            throw new ForbiddenException();
        }
    }
}

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

/// <summary>The learner completes a step (with optional evidence); sign-off steps then wait for a lead or mentor.</summary>
[RequiresSignIn]
public sealed record CompleteStepCommand(Guid EnrolmentId, Guid StepId, string? Evidence, int Version) : ICommand<Unit>;

internal sealed class CompleteStepCommandValidator : AbstractValidator<CompleteStepCommand>
{
    public CompleteStepCommandValidator()
    {
        RuleFor(c => c.EnrolmentId).NotEmpty();
        RuleFor(c => c.StepId).NotEmpty();
        RuleFor(c => c.Evidence).MaximumLength(Enrolment.EvidenceMaxLength);
        RuleFor(c => c.Version).GreaterThan(0);
    }
}

internal sealed class CompleteStepCommandHandler(LearningDbContext db, LearningAccess access, ICurrentUser user, TimeProvider clock) : IRequestHandler<CompleteStepCommand, Unit>
{
    public async Task<Unit> Handle(CompleteStepCommand c, CancellationToken cancellationToken)
    {
        var (enrolment, path) = await EnrolmentLoading.LoadAsync(db, c.EnrolmentId, cancellationToken);
        var maySignOff = await access.MaySignOffAsync(enrolment, cancellationToken);
        if (access.Me != enrolment.PersonId && !maySignOff)
        {
            throw new ForbiddenException();
        }

        db.ExpectVersion(enrolment, c.Version);
        var rules = EnrolmentLoading.Rules(path);
        var step = rules.FirstOrDefault(r => r.StepId == c.StepId)
            ?? throw new DomainException("Path.StepUnknown", "The step does not belong to this path.");
        enrolment.Complete(step, rules, path.AnyOrder, c.Evidence, access.Me, maySignOff, clock.GetUtcNow());
        enrolment.SetExpiry(path.RecurrenceMonths);
        if (access.Me != enrolment.PersonId)
        {
            // A lead or mentor completing someone else's step signs it off at the same time.
            db.AuditTrail.Add(AuditRecord.Of(clock.GetUtcNow(), user, "step.signed-off", enrolment.PersonId, path.Title, EnrolmentLoading.StepTitle(path, step)));
        }
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>A lead of the learner's unit or their mentor confirms a submitted step.</summary>
[RequiresSignIn]
public sealed record SignOffStepCommand(Guid EnrolmentId, Guid StepId, int Version) : ICommand<Unit>;

internal sealed class SignOffStepCommandValidator : AbstractValidator<SignOffStepCommand>
{
    public SignOffStepCommandValidator()
    {
        RuleFor(c => c.EnrolmentId).NotEmpty();
        RuleFor(c => c.StepId).NotEmpty();
        RuleFor(c => c.Version).GreaterThan(0);
    }
}

internal sealed class SignOffStepCommandHandler(LearningDbContext db, LearningAccess access, ICurrentUser user, TimeProvider clock) : IRequestHandler<SignOffStepCommand, Unit>
{
    public async Task<Unit> Handle(SignOffStepCommand c, CancellationToken cancellationToken)
    {
        var (enrolment, path) = await EnrolmentLoading.LoadAsync(db, c.EnrolmentId, cancellationToken);
        if (!await access.MaySignOffAsync(enrolment, cancellationToken))
        {
            throw new ForbiddenException();
        }

        db.ExpectVersion(enrolment, c.Version);
        var rules = EnrolmentLoading.Rules(path);
        var step = rules.FirstOrDefault(r => r.StepId == c.StepId)
            ?? throw new DomainException("Path.StepUnknown", "The step does not belong to this path.");
        enrolment.SignOff(step, rules, access.Me, clock.GetUtcNow());
        enrolment.SetExpiry(path.RecurrenceMonths);
        db.AuditTrail.Add(AuditRecord.Of(clock.GetUtcNow(), user, "step.signed-off", enrolment.PersonId, path.Title, EnrolmentLoading.StepTitle(path, step)));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>A lead of the learner (or HR) names a mentor who may sign off too.</summary>
[RequiresSignIn]
public sealed record SetMentorCommand(Guid EnrolmentId, Guid? MentorPersonId, int Version) : ICommand<Unit>;

internal sealed class SetMentorCommandHandler(LearningDbContext db, LearningAccess access) : IRequestHandler<SetMentorCommand, Unit>
{
    public async Task<Unit> Handle(SetMentorCommand c, CancellationToken cancellationToken)
    {
        var (enrolment, _) = await EnrolmentLoading.LoadAsync(db, c.EnrolmentId, cancellationToken);
        if (!access.IsHr && !await access.MaySignOffAsync(enrolment, cancellationToken))
        {
            throw new ForbiddenException();
        }

        db.ExpectVersion(enrolment, c.Version);
        enrolment.AssignMentor(c.MentorPersonId);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

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

internal static class EnrolmentEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/learning/me", async (IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new GetMyLearningQuery(), ct)));
        api.MapGet("/learning/enrolments/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new GetEnrolmentQuery(id), ct)));
        api.MapPost("/learning/enrolments/{id:guid}/steps/{stepId:guid}/complete", async (Guid id, Guid stepId, CompleteStepCommand command, IMediator m, CancellationToken ct) =>
        {
            await m.Send(command with { EnrolmentId = id, StepId = stepId }, ct);
            return Results.NoContent();
        });
        api.MapPost("/learning/enrolments/{id:guid}/steps/{stepId:guid}/sign-off", async (Guid id, Guid stepId, SignOffStepCommand command, IMediator m, CancellationToken ct) =>
        {
            await m.Send(command with { EnrolmentId = id, StepId = stepId }, ct);
            return Results.NoContent();
        });
        api.MapPut("/learning/enrolments/{id:guid}/mentor", async (Guid id, SetMentorCommand command, IMediator m, CancellationToken ct) =>
        {
            await m.Send(command with { EnrolmentId = id }, ct);
            return Results.NoContent();
        });
        api.MapGet("/learning/sign-offs", async (IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new GetSignOffQueueQuery(), ct)));
    }
}
