using Codex.Shared.Audit;
using Codex.Modules.Organization.Domain;
using Codex.Modules.Organization.Persistence;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Codex.Modules.Organization.Features.OrgUnits;

/// <param name="Version">The version the user saw; a rename based on an older one is refused.</param>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record RenameOrgUnitCommand(Guid Id, string Name, int Version) : ICommand<Unit>;

internal sealed class RenameOrgUnitCommandValidator : AbstractValidator<RenameOrgUnitCommand>
{
    public RenameOrgUnitCommandValidator()
    {
        RuleFor(c => c.Id).NotEmpty();
        RuleFor(c => c.Name).NotEmpty().MaximumLength(OrgUnit.NameMaxLength);
        RuleFor(c => c.Version).GreaterThan(0);
    }
}

internal sealed class RenameOrgUnitCommandHandler(OrganizationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<RenameOrgUnitCommand, Unit>
{
    public async Task<Unit> Handle(RenameOrgUnitCommand command, CancellationToken cancellationToken)
    {
        var unit = await db.OrgUnits.FindAsync([command.Id], cancellationToken)
            ?? throw new NotFoundException(nameof(OrgUnit), command.Id);
        db.ExpectVersion(unit, command.Version);
        var oldName = unit.Name;
        unit.Rename(command.Name);
        db.AuditTrail.Add(AuditRecord.Of(clock.GetUtcNow(), user, "unit.renamed", subjectPersonId: null, unit.Name, $"{oldName} → {unit.Name}"));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal static class RenameOrgUnitEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/org/units/{id:guid}/name", async (Guid id, RenameOrgUnitCommand command, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(command with { Id = id }, ct);
            return Results.NoContent();
        })
            .WithName("renameOrgUnit")
            .WithSummary("Rename a unit");
}
