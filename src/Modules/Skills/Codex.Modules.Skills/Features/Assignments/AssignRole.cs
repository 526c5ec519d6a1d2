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

/// <summary>HR gives a person a job role; RoleAssigned leaves through the outbox.</summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record AssignRoleCommand(Guid PersonId, Guid RoleId) : ICommand<Unit>;

/// <summary>HR takes a job role away; RoleUnassigned leaves through the outbox.</summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record UnassignRoleCommand(Guid PersonId, Guid RoleId) : ICommand<Unit>;

internal sealed class AssignRoleCommandValidator : AbstractValidator<AssignRoleCommand>
{
    public AssignRoleCommandValidator()
    {
        RuleFor(c => c.PersonId).NotEmpty();
        RuleFor(c => c.RoleId).NotEmpty();
    }
}

internal sealed class UnassignRoleCommandValidator : AbstractValidator<UnassignRoleCommand>
{
    public UnassignRoleCommandValidator()
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

internal static class RoleHolders
{
    /// <summary>Only active people of the organisation can be given a role.</summary>
    public static async Task<PersonContact> PersonAsync(IMediator mediator, Guid personId, CancellationToken cancellationToken) =>
        (await mediator.Send(new GetPeopleContactsQuery([personId]), cancellationToken)).FirstOrDefault(p => p.IsActive)
        ?? throw new NotFoundException("Person", personId);

    public static async Task<PersonRoles> LoadOrStartAsync(SkillsDbContext db, Guid personId, CancellationToken cancellationToken)
    {
        var holder = await db.PersonRoles.Include(p => p.Assignments).FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (holder is null)
        {
            holder = PersonRoles.For(personId);
            db.PersonRoles.Add(holder);
        }

        return holder;
    }
}

internal static class RoleAssignmentEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPut("/skills/people/{personId:guid}/roles/{roleId:guid}", async (Guid personId, Guid roleId, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new AssignRoleCommand(personId, roleId), ct);
            return Results.NoContent();
        });
        api.MapDelete("/skills/people/{personId:guid}/roles/{roleId:guid}", async (Guid personId, Guid roleId, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new UnassignRoleCommand(personId, roleId), ct);
            return Results.NoContent();
        });
        api.MapGet("/skills/roles/{roleId:guid}/holders", async (Guid roleId, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new ListRoleHoldersQuery(roleId), ct)));
    }
}

/// <summary>Holders of a role (ids), for HR.</summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record ListRoleHoldersQuery(Guid RoleId) : IRequest<IReadOnlyList<Guid>>;

internal sealed class ListRoleHoldersQueryHandler(IMediator mediator) : IRequestHandler<ListRoleHoldersQuery, IReadOnlyList<Guid>>
{
    public Task<IReadOnlyList<Guid>> Handle(ListRoleHoldersQuery query, CancellationToken cancellationToken) =>
        mediator.Send(new Contracts.GetRoleHoldersQuery(query.RoleId), cancellationToken);
}

/// <summary>The roles each of the given people holds, for the assignment page.</summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record GetRolesOfPeopleQuery(IReadOnlyCollection<Guid> PersonIds) : IRequest<IReadOnlyList<HeldRole>>;

public sealed record HeldRole(Guid PersonId, Guid RoleId, string RoleName);

internal sealed class GetRolesOfPeopleQueryValidator : AbstractValidator<GetRolesOfPeopleQuery>
{
    public GetRolesOfPeopleQueryValidator() => RuleFor(q => q.PersonIds).NotNull().Must(p => p.Count <= 1000);
}

internal sealed class GetRolesOfPeopleQueryHandler(SkillsDbContext db) : IRequestHandler<GetRolesOfPeopleQuery, IReadOnlyList<HeldRole>>
{
    public async Task<IReadOnlyList<HeldRole>> Handle(GetRolesOfPeopleQuery query, CancellationToken cancellationToken) =>
        await (from a in db.RoleAssignments.AsNoTracking()
               where query.PersonIds.Contains(a.PersonId)
               join r in db.Roles.AsNoTracking() on a.RoleId equals r.Id
               orderby r.Name
               select new HeldRole(a.PersonId, r.Id, r.Name)).ToListAsync(cancellationToken);
}
