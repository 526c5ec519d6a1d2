using Codex.Modules.Skills.Contracts;
using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Features.Common;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Mediation;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Privacy;

/// <summary>Admin changes the co-determination rules; Version 0 while only the configured defaults apply.</summary>
[RequiresRole(CodexRoles.Admin)]
public sealed record UpdatePrivacySettingsCommand(int MinimumGroupSize, bool IndividualProficiencyVisibleToLeads, int Version) : ICommand<Unit>;

internal sealed class UpdatePrivacySettingsCommandValidator : AbstractValidator<UpdatePrivacySettingsCommand>
{
    public UpdatePrivacySettingsCommandValidator()
    {
        RuleFor(c => c.MinimumGroupSize).InclusiveBetween(PrivacySettings.SmallestMinimum, PrivacySettings.LargestMinimum);
        RuleFor(c => c.Version).GreaterThanOrEqualTo(0);
    }
}

internal sealed class UpdatePrivacySettingsCommandHandler(SkillsDbContext db, SkillsAccess access, TimeProvider clock)
    : IRequestHandler<UpdatePrivacySettingsCommand, Unit>
{
    public async Task<Unit> Handle(UpdatePrivacySettingsCommand command, CancellationToken cancellationToken)
    {
        var before = await access.RulesAsync(cancellationToken);
        var stored = await db.PrivacySettings.FirstOrDefaultAsync(cancellationToken);
        if (stored is null)
        {
            if (command.Version != 0)
            {
                throw new Codex.Shared.Errors.ConcurrencyConflictException(nameof(PrivacySettings), PrivacySettings.SingletonId);
            }

            db.PrivacySettings.Add(PrivacySettings.Create(command.MinimumGroupSize, command.IndividualProficiencyVisibleToLeads));
        }
        else
        {
            db.ExpectVersion(stored, command.Version);
            stored.Change(command.MinimumGroupSize, command.IndividualProficiencyVisibleToLeads);
        }

        db.AuditEntries.Add(access.Audit(clock.GetUtcNow(), AuditArea.Privacy, "privacy",
            Describe(before), Describe(new PrivacyRules(command.MinimumGroupSize, command.IndividualProficiencyVisibleToLeads))));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    private static string Describe(PrivacyRules r) => $"min {r.MinimumGroupSize}, individual visible: {r.IndividualProficiencyVisibleToLeads}";
}

internal static class UpdatePrivacySettingsEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPut("/skills/privacy", async (UpdatePrivacySettingsCommand command, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(command, ct);
            return Results.NoContent();
        })
            .WithName("updatePrivacySettings")
            .WithSummary("Change the co-determination rules");
    }
}
