using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Rounds;

/// <summary>A lead ends a round before its closing date (e.g. everyone has responded).</summary>
[RequiresSignIn]
public sealed record CloseRoundCommand(Guid RoundId) : ICommand<RoundOutcome>;

internal sealed class CloseRoundCommandHandler(TeamCodexDbContext db, CodexAccess access, TimeProvider clock)
    : IRequestHandler<CloseRoundCommand, RoundOutcome>
{
    public async Task<RoundOutcome> Handle(CloseRoundCommand command, CancellationToken ct)
    {
        var (round, codex) = await RoundLoader.LoadAsync(db, command.RoundId, ct);
        await access.RequireLeadAsync(codex.OrgUnitId, ct);
        var now = clock.GetUtcNow();
        var outcome = codex.CloseRound(round, now);
        await db.SaveChangesAsync(ct);
        return outcome;
    }
}

internal static class RoundLoader
{
    public static async Task<(ReviewRound Round, UnitCodex Codex)> LoadAsync(TeamCodexDbContext db, Guid roundId, CancellationToken ct)
    {
        var round = await db.Rounds.Include(r => r.Participants).Include(r => r.Responses)
            .FirstOrDefaultAsync(r => r.Id == roundId, ct)
            ?? throw new NotFoundException("ReviewRound", roundId);
        var codex = await db.Codices.SingleAsync(c => c.Id == round.CodexId, ct);
        return (round, codex);
    }
}

internal static class CloseRoundEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/codex/rounds/{id:guid}/close", async (Guid id, IMediator mediator, CancellationToken ct) =>
            Results.Ok(new { outcome = (await mediator.Send(new CloseRoundCommand(id), ct)).ToString() }))
            .WithName("closeRound")
            .WithSummary("End a round before its closing date");
}
