using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Features.Common;
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

namespace Codex.Modules.Skills.Features.Roles;

/// <summary>Job roles with how many people hold each and how many tools each requires.</summary>
[RequiresSignIn]
public sealed record ListRolesQuery(string? Search = null) : IRequest<IReadOnlyList<RoleItem>>;

public sealed record RoleItem(Guid Id, string Name, string Description, int Holders, int Requirements, int Version);

[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record SaveRoleCommand(Guid? Id, string Name, string? Description, int Version) : ICommand<Guid>;

internal sealed class ListRolesQueryValidator : AbstractValidator<ListRolesQuery>
{
    public ListRolesQueryValidator() => RuleFor(q => q.Search).MaximumLength(100);
}

internal sealed class SaveRoleCommandValidator : AbstractValidator<SaveRoleCommand>
{
    public SaveRoleCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Role.NameMaxLength);
        RuleFor(c => c.Description).MaximumLength(Role.DescriptionMaxLength);
        RuleFor(c => c.Version).GreaterThanOrEqualTo(0);
        RuleFor(c => c.Version).GreaterThan(0).When(c => c.Id is not null);
    }
}

internal sealed class ListRolesQueryHandler(SkillsDbContext db) : IRequestHandler<ListRolesQuery, IReadOnlyList<RoleItem>>
{
    public async Task<IReadOnlyList<RoleItem>> Handle(ListRolesQuery query, CancellationToken cancellationToken)
    {
        var roles = db.Roles.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLower();
            roles = roles.Where(r => r.Name.ToLower().Contains(term));
        }

        // Roles are few (dozens): one query with two correlated counts is fine.
        return await roles.OrderBy(r => r.Name)
            .Select(r => new RoleItem(r.Id, r.Name, r.Description,
                db.RoleAssignments.Count(a => a.RoleId == r.Id), db.Requirements.Count(q => q.RoleId == r.Id), r.Version))
            .ToListAsync(cancellationToken);
    }
}

internal sealed class SaveRoleCommandHandler(SkillsDbContext db, SkillsAccess access, TimeProvider clock) : IRequestHandler<SaveRoleCommand, Guid>
{
    public async Task<Guid> Handle(SaveRoleCommand command, CancellationToken cancellationToken)
    {
        var name = command.Name.Trim();
        if (await db.Roles.AnyAsync(r => r.Name == name && r.Id != command.Id, cancellationToken))
        {
            throw new DomainException("Skills.RoleNameTaken", "There already is a role with this name.");
        }

        Role role;
        string? old = null;
        if (command.Id is { } id)
        {
            role = await db.Roles.FindAsync([id], cancellationToken) ?? throw new NotFoundException(nameof(Role), id);
            db.ExpectVersion(role, command.Version);
            old = $"{role.Name} · {role.Description}";
            role.Update(name, command.Description);
        }
        else
        {
            role = Role.Create(Guid.NewGuid(), name, command.Description);
            db.Roles.Add(role);
        }

        db.AuditEntries.Add(access.Audit(clock.GetUtcNow(), AuditArea.Role, role.Name, old, $"{role.Name} · {role.Description}"));
        await db.SaveChangesAsync(cancellationToken);
        return role.Id;
    }
}

/// <summary>Deletes a role nobody holds, with its requirements (each audited as a matrix change).</summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record DeleteRoleCommand(Guid Id, int Version) : ICommand<Unit>;

internal sealed class DeleteRoleCommandHandler(SkillsDbContext db, SkillsAccess access, TimeProvider clock) : IRequestHandler<DeleteRoleCommand, Unit>
{
    public async Task<Unit> Handle(DeleteRoleCommand command, CancellationToken cancellationToken)
    {
        var role = await db.Roles.FindAsync([command.Id], cancellationToken) ?? throw new NotFoundException(nameof(Role), command.Id);
        db.ExpectVersion(role, command.Version);
        var now = clock.GetUtcNow();
        role.Delete(await db.RoleAssignments.CountAsync(a => a.RoleId == role.Id, cancellationToken), now);

        var matrix = await db.Matrices.Include(m => m.Requirements).FirstOrDefaultAsync(cancellationToken);
        var removed = matrix?.Requirements.Where(r => r.RoleId == role.Id).ToList() ?? [];
        if (matrix is not null && removed.Count > 0)
        {
            var toolNames = await db.Tools.Where(t => removed.Select(r => r.ToolId).Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
            matrix.RemoveRole(role.Id);
            db.AuditEntries.AddRange(removed.Select(r =>
                access.Audit(now, AuditArea.Matrix, $"{role.Name} · {toolNames.GetValueOrDefault(r.ToolId)}", $"{r.Level}", null)));
        }

        db.AuditEntries.Add(access.Audit(now, AuditArea.Role, role.Name, $"{role.Name} · {role.Description}", null));
        db.Roles.Remove(role);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal static class RoleEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/skills/roles", async (string? search, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new ListRolesQuery(search), ct)));
        api.MapPost("/skills/roles", async (SaveRoleCommand command, IMediator mediator, CancellationToken ct) =>
        {
            var id = await mediator.Send(command with { Id = null, Version = 0 }, ct);
            return Results.Created($"/api/skills/roles/{id}", new { id });
        });
        api.MapPut("/skills/roles/{id:guid}", async (Guid id, SaveRoleCommand command, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(command with { Id = id }, ct);
            return Results.NoContent();
        });
        api.MapDelete("/skills/roles/{id:guid}", async (Guid id, int version, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new DeleteRoleCommand(id, version), ct);
            return Results.NoContent();
        });
    }
}
