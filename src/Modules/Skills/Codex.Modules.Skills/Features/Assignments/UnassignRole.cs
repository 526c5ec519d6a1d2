using Codex.Modules.Organization.Contracts;
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

namespace Codex.Modules.Skills.Features.Assignments;

/// <summary>HR takes a job role away; RoleUnassigned leaves through the outbox.</summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record UnassignRoleCommand(Guid PersonId, Guid RoleId) : ICommand<Unit>;

internal sealed class UnassignRoleCommandValidator : AbstractValidator<UnassignRoleCommand>
{
    public UnassignRoleCommandValidator()
    {
        RuleFor(c => c.PersonId).NotEmpty();
        RuleFor(c => c.RoleId).NotEmpty();
    }
}

internal sealed class UnassignRoleCommandHandler(SkillsDbContext db, SkillsAccess access, IMediator mediator, TimeProvider clock) : IRequestHandler<UnassignRoleCommand, Unit>
{
    public async Task<Unit> Handle(UnassignRoleCommand command, CancellationToken cancellationToken)
    {
        var role = await db.Roles.FindAsync([command.RoleId], cancellationToken)
            ?? throw new NotFoundException(nameof(Role), command.RoleId);
        var holder = await db.PersonRoles.Include(p => p.Assignments).FirstOrDefaultAsync(p => p.Id == command.PersonId, cancellationToken)
            ?? throw new NotFoundException(nameof(PersonRoles), command.PersonId);
        var now = clock.GetUtcNow();
        holder.Unassign(role.Id, now);
        var name = (await mediator.Send(new GetPeopleContactsQuery([command.PersonId]), cancellationToken)).FirstOrDefault()?.DisplayName ?? command.PersonId.ToString();
        db.AuditEntries.Add(access.Audit(now, AuditArea.Assignment, $"{name} · {role.Name}", "assigned", null, command.PersonId));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal static class UnassignRoleEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapDelete("/skills/people/{personId:guid}/roles/{roleId:guid}", async (Guid personId, Guid roleId, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new UnassignRoleCommand(personId, roleId), ct);
            return Results.NoContent();
        })
            .WithName("unassignRole")
            .WithSummary("Take a job role away from a person");
    }
}
