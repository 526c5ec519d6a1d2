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
public sealed record CreateOrgUnitCommand(string Name, OrgUnitKind Kind, Guid? ParentId) : ICommand<Guid>;

internal sealed class CreateOrgUnitCommandValidator : AbstractValidator<CreateOrgUnitCommand>
{
    public CreateOrgUnitCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(OrgUnit.NameMaxLength);
        RuleFor(c => c.Kind).IsInEnum();
    }
}

internal sealed class CreateOrgUnitCommandHandler(OrganizationDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<CreateOrgUnitCommand, Guid>
{
    public async Task<Guid> Handle(CreateOrgUnitCommand command, CancellationToken cancellationToken)
    {
        OrgUnit? parent = null;
        if (command.ParentId is { } parentId)
        {
            parent = await db.OrgUnits.FindAsync([parentId], cancellationToken)
                ?? throw new NotFoundException(nameof(OrgUnit), parentId);
        }

        var unit = OrgUnit.Create(Guid.NewGuid(), command.Name, command.Kind, parent, clock.GetUtcNow());
        db.OrgUnits.Add(unit);
        db.AuditTrail.Add(AuditRecord.Of(clock.GetUtcNow(), user, "unit.created", subjectPersonId: null, unit.Name, parent?.Name));
        await db.SaveChangesAsync(cancellationToken);
        return unit.Id;
    }
}

internal static class CreateOrgUnitEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/org/units", async (CreateOrgUnitCommand command, IMediator mediator, CancellationToken ct) =>
        {
            var id = await mediator.Send(command, ct);
            return Results.Created($"/api/org/units/{id}", new { id });
        })
            .WithName("createOrgUnit")
            .WithSummary("Create an organisational unit");
}
