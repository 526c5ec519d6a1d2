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

[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record MoveOrgUnitCommand(Guid Id, Guid NewParentId, int Version) : ICommand<Unit>;

internal sealed class MoveOrgUnitCommandValidator : AbstractValidator<MoveOrgUnitCommand>
{
    public MoveOrgUnitCommandValidator()
    {
        RuleFor(c => c.Id).NotEmpty();
        RuleFor(c => c.NewParentId).NotEmpty();
        RuleFor(c => c.Version).GreaterThan(0);
    }
}

internal sealed class MoveOrgUnitCommandHandler(OrganizationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<MoveOrgUnitCommand, Unit>
{
    public async Task<Unit> Handle(MoveOrgUnitCommand command, CancellationToken cancellationToken)
    {
        var unit = await db.OrgUnits.FindAsync([command.Id], cancellationToken)
            ?? throw new NotFoundException(nameof(OrgUnit), command.Id);
        var parent = await db.OrgUnits.FindAsync([command.NewParentId], cancellationToken)
            ?? throw new NotFoundException(nameof(OrgUnit), command.NewParentId);
        db.ExpectVersion(unit, command.Version);
        unit.MoveTo(parent, clock.GetUtcNow());
        db.AuditTrail.Add(AuditRecord.Of(clock.GetUtcNow(), user, "unit.moved", subjectPersonId: null, unit.Name, parent.Name));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal static class MoveOrgUnitEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/org/units/{id:guid}/parent", async (Guid id, MoveOrgUnitCommand command, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(command with { Id = id }, ct);
            return Results.NoContent();
        })
            .WithName("moveOrgUnit")
            .WithSummary("Move a unit under another parent unit");
}
