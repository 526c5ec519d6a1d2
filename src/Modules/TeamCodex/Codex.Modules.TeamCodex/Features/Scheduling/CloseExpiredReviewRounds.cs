using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Mediation;
using Codex.Shared.Time;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Scheduling;

/// <summary>Closes every round whose closing date has passed; closed rounds are not touched again.</summary>
public sealed record CloseExpiredReviewRoundsCommand : ICommand<Unit>
{
    public const string JobName = "codex-close-expired-rounds";
}

internal sealed class CloseExpiredReviewRoundsCommandHandler(TeamCodexDbContext db, TimeProvider clock)
    : IRequestHandler<CloseExpiredReviewRoundsCommand, Unit>
{
    public async Task<Unit> Handle(CloseExpiredReviewRoundsCommand command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = OrganisationTime.Today(now);
        var expired = await db.Rounds.Include(r => r.Participants).Include(r => r.Responses)
            .Where(r => r.ClosedAt == null && r.ClosesOn < today)
            .ToListAsync(ct);
        var codexIds = expired.Select(r => r.CodexId).Distinct().ToList();
        var codices = await db.Codices.Where(c => codexIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        foreach (var round in expired)
        {
            codices[round.CodexId].CloseRound(round, now);
        }

        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
