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

[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record SaveRoleCommand(Guid? Id, string Name, string? Description, int Version) : ICommand<Guid>;

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

internal static class SaveRoleEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/skills/roles", async (SaveRoleCommand command, IMediator mediator, CancellationToken ct) =>
        {
            var id = await mediator.Send(command with { Id = null, Version = 0 }, ct);
            return Results.Created($"/api/skills/roles/{id}", new { id });
        })
            .WithName("createRole")
            .WithSummary("Create a job role");
        api.MapPut("/skills/roles/{id:guid}", async (Guid id, SaveRoleCommand command, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(command with { Id = id }, ct);
            return Results.NoContent();
        })
            .WithName("updateRole")
            .WithSummary("Rename a job role or change its description");
    }
}
