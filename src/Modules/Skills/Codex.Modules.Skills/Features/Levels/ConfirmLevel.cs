using System.Globalization;
using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Features.Common;
using Codex.Modules.Skills.Persistence;
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

/// <summary>A lead of the person's unit (or of a unit above it), or HR, confirms or adjusts a person's level, where the organisation allows them to see it.</summary>
[RequiresSignIn]
public sealed record ConfirmLevelCommand(Guid PersonId, Guid ToolId, int Level, int Version) : ICommand<Unit>;

internal sealed class ConfirmLevelCommandValidator : AbstractValidator<ConfirmLevelCommand>
{
    public ConfirmLevelCommandValidator()
    {
        RuleFor(c => c.PersonId).NotEmpty();
        RuleFor(c => c.ToolId).NotEmpty();
        RuleFor(c => c.Level).InclusiveBetween(ProficiencyScale.None, ProficiencyScale.CanTeach);
        RuleFor(c => c.Version).GreaterThanOrEqualTo(0);
    }
}

internal sealed class ConfirmLevelCommandHandler(SkillsDbContext db, SkillsAccess access, ICurrentUser user, TimeProvider clock) : IRequestHandler<ConfirmLevelCommand, Unit>
{
    public async Task<Unit> Handle(ConfirmLevelCommand command, CancellationToken cancellationToken)
    {
        var lead = user.PersonId ?? throw new ForbiddenException();
        // Confirming needs seeing: only where the organisation lets leads/HR see individual levels.
        if (lead == command.PersonId || !await access.MaySeeIndividualAsync(command.PersonId, cancellationToken))
        {
            throw new ForbiddenException();
        }

        if (!await db.Tools.AnyAsync(t => t.Id == command.ToolId, cancellationToken))
        {
            throw new NotFoundException(nameof(Tool), command.ToolId);
        }

        var proficiency = await db.Proficiencies.FirstOrDefaultAsync(p => p.PersonId == command.PersonId && p.ToolId == command.ToolId, cancellationToken);
        if (proficiency is null)
        {
            proficiency = Proficiency.Start(command.PersonId, command.ToolId);
            db.Proficiencies.Add(proficiency);
        }
        else
        {
            db.ExpectVersion(proficiency, command.Version);
        }

        var now = clock.GetUtcNow();
        var change = proficiency.ConfirmByLead(command.Level, lead, now);
        db.ProficiencyChanges.Add(change);
        db.AuditEntries.Add(access.Audit(now, AuditArea.Proficiency, $"{command.PersonId} · {command.ToolId}", change.OldLevel.ToString(CultureInfo.InvariantCulture), change.NewLevel.ToString(CultureInfo.InvariantCulture), command.PersonId));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal static class ConfirmLevelEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPut("/skills/people/{personId:guid}/levels/{toolId:guid}", async (Guid personId, Guid toolId, ConfirmLevelCommand command, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(command with { PersonId = personId, ToolId = toolId }, ct);
            return Results.NoContent();
        })
            .WithName("confirmLevel")
            .WithSummary("Confirm or adjust a person's level in a tool");
    }
}
