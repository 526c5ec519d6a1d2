using Codex.Shared.Audit;
using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Enrolments;
using Codex.Modules.Learning.Persistence;
using Codex.Shared.Domain;
using Codex.Shared.Mediation;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Features.Paths;

[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record UnassignPathCommand(Guid PathId, Guid RoleId) : ICommand<Unit>;

internal sealed class UnassignPathCommandHandler(LearningDbContext db, Enroller enroller, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<UnassignPathCommand, Unit>
{
    public async Task<Unit> Handle(UnassignPathCommand c, CancellationToken cancellationToken)
    {
        var path = await PathRules.LoadAsync(db, c.PathId, cancellationToken);
        var now = clock.GetUtcNow();
        path.UnassignRole(c.RoleId);
        path.Touch(user.PersonId, now);
        db.AuditTrail.Add(AuditRecord.Of(now, user, "path.unassigned", subjectPersonId: null, path.Title));
        await db.SaveChangesAsync(cancellationToken);
        await enroller.ArchiveUnbackedForPathAsync(path.Id, now, cancellationToken);
        return Unit.Value;
    }
}

internal static class UnassignPathEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/learning/paths/{id:guid}/assignments/{roleId:guid}", async (Guid id, Guid roleId, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new UnassignPathCommand(id, roleId), ct);
            return Results.NoContent();
        })
            .WithName("unassignPath")
            .WithSummary("Stop assigning a learning path to a role");
}
