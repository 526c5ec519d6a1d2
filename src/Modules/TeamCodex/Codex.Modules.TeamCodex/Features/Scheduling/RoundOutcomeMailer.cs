using Codex.Modules.Notifications.Contracts;
using Codex.Modules.TeamCodex.Contracts;
using Codex.Modules.TeamCodex.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Scheduling;

/// <summary>
/// Tells every participant how a round ended. Runs when the outbox delivers the round's closing;
/// a redelivered event queues nothing twice (deduplication key per round and person).
/// </summary>
internal sealed class RoundOutcomeMailer(TeamCodexDbContext db, CodexMail mail) : INotificationHandler<ReviewRoundClosedIntegrationEvent>
{
    public async Task Handle(ReviewRoundClosedIntegrationEvent closed, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().Include(r => r.Participants).Include(r => r.Responses).FirstOrDefaultAsync(r => r.Id == closed.RoundId, ct);
        var codex = await db.Codices.AsNoTracking().FirstOrDefaultAsync(c => c.Id == closed.CodexId, ct);
        if (round?.Outcome is null || codex is null)
        {
            return;
        }

        var unitName = await mail.UnitNameAsync(codex.OrgUnitId, ct);
        await mail.QueueAsync(round.Participants.Select(participant => new SendEmailCommand(
                participant.PersonId,
                "codex.round-outcome",
                new Dictionary<string, string>
                {
                    ["CodexName"] = unitName,
                    ["Outcome"] = round.OutcomeStatement ?? "",
                    // The English template uses this one; the German keeps the stored record.
                    ["OutcomeEn"] = round.DescribeOutcome(english: true),
                    ["ActionPath"] = $"/codex/rounds/{round.Id}",
                },
                $"codex-outcome:{round.Id}:{participant.PersonId}",
                EmailCategory.Optional)).ToList(), ct);
    }
}
