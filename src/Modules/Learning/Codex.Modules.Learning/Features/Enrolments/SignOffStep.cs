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

internal static class SignOffStepEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/learning/enrolments/{id:guid}/steps/{stepId:guid}/sign-off", async (Guid id, Guid stepId, SignOffStepCommand command, IMediator m, CancellationToken ct) =>
        {
            await m.Send(command with { EnrolmentId = id, StepId = stepId }, ct);
            return Results.NoContent();
        })
            .WithName("signOffStep")
            .WithSummary("Confirm a step a learner has submitted");
}
