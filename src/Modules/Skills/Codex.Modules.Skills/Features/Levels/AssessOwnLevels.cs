using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Persistence;
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

namespace Codex.Modules.Skills.Features.Levels;

/// <summary>One tool's level as the person assesses it; Version is that of their record (0 when there is none yet).</summary>
public sealed record OwnLevel(Guid ToolId, int Level, int Version);

/// <summary>The signed-in person assesses their own levels (several tools in one save).</summary>
[RequiresSignIn]
public sealed record AssessOwnLevelsCommand(IReadOnlyList<OwnLevel> Levels) : ICommand<Unit>;

internal sealed class AssessOwnLevelsCommandValidator : AbstractValidator<AssessOwnLevelsCommand>
{
    public AssessOwnLevelsCommandValidator()
    {
        RuleFor(c => c.Levels).NotNull().Must(l => l.Count <= 1000);
        RuleForEach(c => c.Levels).ChildRules(l =>
        {
            l.RuleFor(x => x.ToolId).NotEmpty();
            l.RuleFor(x => x.Level).InclusiveBetween(ProficiencyScale.None, ProficiencyScale.CanTeach);
            l.RuleFor(x => x.Version).GreaterThanOrEqualTo(0);
        });
        RuleFor(c => c.Levels).Must(l => l.Select(x => x.ToolId).Distinct().Count() == l.Count).When(c => c.Levels is not null);
    }
}

internal sealed class AssessOwnLevelsCommandHandler(SkillsDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<AssessOwnLevelsCommand, Unit>
{
    public async Task<Unit> Handle(AssessOwnLevelsCommand command, CancellationToken cancellationToken)
    {
        var personId = user.PersonId ?? throw new ForbiddenException();
        var toolIds = command.Levels.Select(l => l.ToolId).ToList();
        if (await db.Tools.CountAsync(t => toolIds.Contains(t.Id), cancellationToken) != toolIds.Count)
        {
            throw new DomainException("Skills.UnknownTool", "A tool does not exist (any more).");
        }

        var existing = await db.Proficiencies.Where(p => p.PersonId == personId && toolIds.Contains(p.ToolId)).ToDictionaryAsync(p => p.ToolId, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var level in command.Levels)
        {
            var isNew = !existing.TryGetValue(level.ToolId, out var proficiency);
            if (isNew)
            {
                if (level.Version != 0)
                {
                    throw new ConcurrencyConflictException(nameof(Proficiency), level.ToolId);
                }

                proficiency = Proficiency.Start(personId, level.ToolId);
            }
            else
            {
                db.ExpectVersion(proficiency!, level.Version);
            }

            // The aggregate decides what is a change: an untouched tool leaves neither a record nor history.
            if (proficiency!.AssessSelf(level.Level, personId, now) is not { } change)
            {
                continue;
            }

            if (isNew)
            {
                db.Proficiencies.Add(proficiency);
            }

            db.ProficiencyChanges.Add(change);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal static class AssessOwnLevelsEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPut("/skills/me/levels", async (AssessOwnLevelsCommand command, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(command, ct);
            return Results.NoContent();
        })
            .WithName("assessOwnLevels")
            .WithSummary("Assess your own levels, several tools in one save");
    }
}
