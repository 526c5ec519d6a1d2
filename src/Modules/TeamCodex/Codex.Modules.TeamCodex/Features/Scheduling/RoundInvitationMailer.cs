using System.Globalization;
using Codex.Modules.Notifications.Contracts;
using Codex.Modules.TeamCodex.Contracts;
using Codex.Modules.TeamCodex.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Scheduling;

/// <summary>
/// Invites the participants of a round that just opened (by a lead or by the review cadence) to respond.
/// Runs when the outbox delivers the opening; the deduplication key per round and person means a
/// redelivered event, or a job that ran twice, queues nothing twice. The lead who opened the round
/// knows already and gets no invitation; a round closed before the event arrived invites nobody.
/// </summary>
internal sealed class RoundInvitationMailer(TeamCodexDbContext db, CodexMail mail) : INotificationHandler<ReviewRoundOpenedIntegrationEvent>
{
    public async Task Handle(ReviewRoundOpenedIntegrationEvent opened, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().Include(r => r.Participants).FirstOrDefaultAsync(r => r.Id == opened.RoundId, ct);
        var codex = await db.Codices.AsNoTracking().FirstOrDefaultAsync(c => c.Id == opened.CodexId, ct);
        if (round is null || codex is null || !round.IsOpen)
        {
            return;
        }

        var unitName = await mail.UnitNameAsync(codex.OrgUnitId, ct);
        await mail.QueueAsync(round.Participants.Where(p => p.PersonId != round.OpenedBy).Select(participant => new SendEmailCommand(
                participant.PersonId,
                "codex.round-invitation",
                new Dictionary<string, string>
                {
                    ["CodexName"] = unitName,
                    ["ClosesOn"] = round.ClosesOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["ActionPath"] = $"/codex/rounds/{round.Id}",
                },
                $"codex-invite:{round.Id}:{participant.PersonId}",
                // Like the reminder, a round asks everyone for a response, so it cannot be switched off.
                // Its own topic (not the reminders'): it uses up none of the reminders capped per topic,
                // and is cancelled with them when the round closes before it went out.
                EmailCategory.Mandatory,
                TopicKey: $"{CancelMailsOfClosedRound.InvitationTopic(round.Id)}{participant.PersonId}")).ToList(), ct);
    }
}
