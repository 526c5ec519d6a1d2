using Codex.Shared.Security;
using Codex.Shared.Audit;
using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Mediation;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.TeamCodex.Features.Codices;

/// <summary>A lead sets how often the codex is reviewed, when reminders go out and the quorum of rounds.</summary>
[RequiresSignIn]
public sealed record ChangeCodexSettingsCommand(
    Guid UnitId, int ReviewCadenceMonths, int ResponseReminderDaysBeforeClose, int AcknowledgeReminderAfterDays, int? QuorumPercent,
    DateOnly? NextReviewOn, int ExpectedVersion) : ICommand<Unit>;

internal sealed class ChangeCodexSettingsCommandValidator : AbstractValidator<ChangeCodexSettingsCommand>
{
    public ChangeCodexSettingsCommandValidator(IStringLocalizer<TeamCodexTexts> texts)
    {
        RuleFor(c => c.ReviewCadenceMonths).Must(m => UnitCodex.CadenceChoices.Contains(m))
            .WithMessage(texts["Validation.CadenceChoice"]);
        RuleFor(c => c.ResponseReminderDaysBeforeClose).InclusiveBetween(0, 30);
        RuleFor(c => c.AcknowledgeReminderAfterDays).InclusiveBetween(1, 90);
        RuleFor(c => c.QuorumPercent).InclusiveBetween(1, 100).When(c => c.QuorumPercent is not null);
    }
}

internal sealed class ChangeCodexSettingsCommandHandler(TeamCodexDbContext db, CodexAccess access, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<ChangeCodexSettingsCommand, Unit>
{
    public async Task<Unit> Handle(ChangeCodexSettingsCommand command, CancellationToken ct)
    {
        await access.RequireLeadAsync(command.UnitId, ct);
        var codex = await access.CodexOfUnitAsync(command.UnitId, ct);
        db.ExpectVersion(codex, command.ExpectedVersion);
        codex.ChangeSettings(command.ReviewCadenceMonths, command.ResponseReminderDaysBeforeClose, command.AcknowledgeReminderAfterDays,
            command.QuorumPercent, command.NextReviewOn);
        db.AuditTrail.Add(AuditRecord.Of(clock.GetUtcNow(), user, "codex.settings.changed", subjectPersonId: null, (await access.UnitAsync(command.UnitId, ct)).Unit.Name,
            FormattableString.Invariant($"cadence={command.ReviewCadenceMonths} quorum={command.QuorumPercent} next={command.NextReviewOn:yyyy-MM-dd}")));
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}

public sealed record SettingsRequest(int ReviewCadenceMonths, int ResponseReminderDaysBeforeClose, int AcknowledgeReminderAfterDays, int? QuorumPercent, DateOnly? NextReviewOn, int Version);

internal static class ChangeCodexSettingsEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPut("/codex/units/{unitId:guid}/settings", async (Guid unitId, SettingsRequest r, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new ChangeCodexSettingsCommand(unitId, r.ReviewCadenceMonths, r.ResponseReminderDaysBeforeClose, r.AcknowledgeReminderAfterDays, r.QuorumPercent, r.NextReviewOn, r.Version), ct);
            return Results.NoContent();
        })
            .WithName("changeCodexSettings")
            .WithSummary("Set how often a codex is reviewed, when reminders go out and the quorum of rounds");
    }
}
