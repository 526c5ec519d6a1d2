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

namespace Codex.Modules.Skills.Features.Roles;

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

internal static class DeleteRoleEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapDelete("/skills/roles/{id:guid}", async (Guid id, int version, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new DeleteRoleCommand(id, version), ct);
            return Results.NoContent();
        })
            .WithName("deleteRole")
            .WithSummary("Delete a role nobody holds, with its requirements");
    }
}
