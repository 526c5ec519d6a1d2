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
public sealed record RemoveStepCommand(Guid PathId, Guid StepId, int Version) : ICommand<Unit>;

internal sealed class RemoveStepCommandHandler(LearningDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<RemoveStepCommand, Unit>
{
    public async Task<Unit> Handle(RemoveStepCommand c, CancellationToken cancellationToken)
    {
        var path = await PathRules.LoadAsync(db, c.PathId, cancellationToken);
        db.ExpectVersion(path, c.Version);
        path.RemoveStep(c.StepId);
        path.Touch(user.PersonId, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal static class RemoveStepEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapDelete("/learning/paths/{id:guid}/steps/{stepId:guid}", async (Guid id, Guid stepId, int version, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new RemoveStepCommand(id, stepId, version), ct);
            return Results.NoContent();
        })
            .WithName("removePathStep")
            .WithSummary("Remove a step from a learning path");
}
