using Codex.Modules.TeamCodex.Features.Rounds;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Mediation;
using Codex.Shared.Time;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Scheduling;

/// <summary>
/// Opens a review round for every codex whose review date has come (no proposal: the team checks
/// whether the codex still fits). A codex with a round already open is skipped, so a second run opens nothing.
/// </summary>
public sealed record OpenDueReviewRoundsCommand : ICommand<Unit>
{
    public const string JobName = "codex-open-due-rounds";
}

internal sealed class OpenDueReviewRoundsCommandHandler(TeamCodexDbContext db, TimeProvider clock)
    : IRequestHandler<OpenDueReviewRoundsCommand, Unit>
{
    public async Task<Unit> Handle(OpenDueReviewRoundsCommand command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = OrganisationTime.Today(now);

        // Only codices in force are reviewed; a codex still being written has nothing to review yet.
        var due = await db.Codices
            .Where(c => c.OpenRoundId == null && c.NextReviewOn <= today && c.VersionInForce != null)
            .ToListAsync(ct);
        var withMembers = await db.UnitMembers.Select(m => m.OrgUnitId).Distinct().ToListAsync(ct);
        foreach (var codex in due.Where(c => withMembers.Contains(c.OrgUnitId)))
        {
            await RoundOpening.OpenAsync(db, codex, null, 0, today.AddDays(RoundOpening.DefaultDays), null, now, ct);
        }

        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
