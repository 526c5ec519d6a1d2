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

/// <param name="Direction">-1 one place up, +1 one place down.</param>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record MoveStepCommand(Guid PathId, Guid StepId, int Direction, int Version) : ICommand<Unit>;

internal sealed class MoveStepCommandHandler(LearningDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<MoveStepCommand, Unit>
{
    public async Task<Unit> Handle(MoveStepCommand c, CancellationToken cancellationToken)
    {
        var path = await PathRules.LoadAsync(db, c.PathId, cancellationToken);
        db.ExpectVersion(path, c.Version);
        path.MoveStep(c.StepId, c.Direction);
        path.Touch(user.PersonId, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal static class MoveStepEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/learning/paths/{id:guid}/steps/{stepId:guid}/move", async (Guid id, Guid stepId, MoveStepCommand command, IMediator m, CancellationToken ct) =>
        {
            await m.Send(command with { PathId = id, StepId = stepId }, ct);
            return Results.NoContent();
        })
            .WithName("movePathStep")
            .WithSummary("Move a step of a learning path one place up or down");
}
