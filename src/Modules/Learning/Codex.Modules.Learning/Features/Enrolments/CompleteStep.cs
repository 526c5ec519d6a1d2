using Codex.Shared.Audit;
using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Paths;
using Codex.Modules.Learning.Persistence;
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

internal static class CompleteStepEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/learning/enrolments/{id:guid}/steps/{stepId:guid}/complete", async (Guid id, Guid stepId, CompleteStepCommand command, IMediator m, CancellationToken ct) =>
        {
            await m.Send(command with { EnrolmentId = id, StepId = stepId }, ct);
            return Results.NoContent();
        })
            .WithName("completeStep")
            .WithSummary("Complete a step of your enrolment, with optional evidence");
}
