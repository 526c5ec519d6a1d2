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

/// <param name="StepId">Null adds a step at the end.</param>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record SaveStepCommand(
    Guid PathId, Guid? StepId, string Title, StepKind Kind, int EffortMinutes, string? Link, DateTimeOffset? ScheduledAt, string? Place,
    Guid? TargetToolId, int? TargetLevel, bool RequiresSignOff, string? Description, int Version) : ICommand<Guid>;

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

internal static class SaveStepEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/learning/paths/{id:guid}/steps", async (Guid id, SaveStepCommand command, IMediator m, CancellationToken ct) =>
            Results.Ok(new { id = await m.Send(command with { PathId = id }, ct) }))
            .WithName("savePathStep")
            .WithSummary("Add a step to a learning path or change one");
}
