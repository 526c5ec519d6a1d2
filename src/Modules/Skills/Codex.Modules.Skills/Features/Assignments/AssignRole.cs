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

namespace Codex.Modules.Skills.Features.Assignments;

/// <summary>HR gives a person a job role; RoleAssigned leaves through the outbox.</summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record AssignRoleCommand(Guid PersonId, Guid RoleId) : ICommand<Unit>;

internal sealed class AssignRoleCommandValidator : AbstractValidator<AssignRoleCommand>
{
    public AssignRoleCommandValidator()
    {
        RuleFor(c => c.PersonId).NotEmpty();
        RuleFor(c => c.RoleId).NotEmpty();
    }
}

internal sealed class AssignRoleCommandHandler(SkillsDbContext db, SkillsAccess access, IMediator mediator, TimeProvider clock) : IRequestHandler<AssignRoleCommand, Unit>
{
    public async Task<Unit> Handle(AssignRoleCommand command, CancellationToken cancellationToken)
    {
        var role = await db.Roles.FindAsync([command.RoleId], cancellationToken)
            ?? throw new NotFoundException(nameof(Role), command.RoleId);
        var now = clock.GetUtcNow();
        var person = await RoleHolders.PersonAsync(mediator, command.PersonId, cancellationToken);
        var holder = await RoleHolders.LoadOrStartAsync(db, command.PersonId, cancellationToken);
        holder.Assign(role, now);
        db.AuditEntries.Add(access.Audit(now, AuditArea.Assignment, $"{person.DisplayName} · {role.Name}", null, "assigned", command.PersonId));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal static class AssignRoleEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPut("/skills/people/{personId:guid}/roles/{roleId:guid}", async (Guid personId, Guid roleId, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new AssignRoleCommand(personId, roleId), ct);
            return Results.NoContent();
        })
            .WithName("assignRole")
            .WithSummary("Give a person a job role");
    }
}
