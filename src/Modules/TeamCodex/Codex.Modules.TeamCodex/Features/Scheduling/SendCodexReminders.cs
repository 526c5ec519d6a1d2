using Codex.Shared.Time;
using System.Globalization;
using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Organization.Contracts;
using Codex.Modules.TeamCodex.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Scheduling;

/// <summary>
/// Reminds participants who have not responded to a round that closes soon, and members who have
/// not confirmed the version in force. Every mail has a deduplication key, so a second run sends nothing twice.
/// Not a transactional command: it only reads here and queues mail in the Notifications module.
/// </summary>
public sealed record SendCodexRemindersCommand : IRequest<Unit>
{
    public const string JobName = "codex-reminders";
}

internal sealed class SendCodexRemindersCommandHandler(TeamCodexDbContext db, CodexMail mail, TimeProvider clock)
    : IRequestHandler<SendCodexRemindersCommand, Unit>
{
    public async Task<Unit> Handle(SendCodexRemindersCommand command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = OrganisationTime.Today(now);
        var mails = new List<SendEmailCommand>();
        await RemindRespondersAsync(today, mails, ct);
        await RemindAcknowledgersAsync(now, mails, ct);
        await mail.QueueAsync(mails, ct);
        return Unit.Value;
    }

    private async Task RemindRespondersAsync(DateOnly today, List<SendEmailCommand> mails, CancellationToken ct)
    {
        var rounds = await (
                from r in db.Rounds.AsNoTracking().Include(r => r.Participants).Include(r => r.Responses)
                join c in db.Codices.AsNoTracking() on r.CodexId equals c.Id
                where r.ClosedAt == null && r.ClosesOn >= today
                select new { Round = r, c.OrgUnitId, c.ResponseReminderDaysBeforeClose })
            .ToListAsync(ct);
        foreach (var due in rounds.Where(x => x.Round.ClosesOn.AddDays(-x.ResponseReminderDaysBeforeClose) <= today))
        {
            var round = due.Round;
            var responded = round.CurrentResponses().Keys.ToHashSet();
            var unitName = await mail.UnitNameAsync(due.OrgUnitId, ct);
            foreach (var person in round.Participants.Select(p => p.PersonId).Where(p => !responded.Contains(p)))
            {
                mails.Add(new SendEmailCommand(
                    person,
                    "codex.review-reminder",
                    new Dictionary<string, string>
                    {
                        ["CodexName"] = unitName,
                        ["ClosesOn"] = round.ClosesOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        ["ActionPath"] = $"/codex/rounds/{round.Id}",
                    },
                    // One reminder per text being decided on: an amended proposal may remind again.
                    $"codex-round:{round.Id}:r{round.ProposalRevision}:{person}",
                    EmailCategory.Mandatory,
                    TopicKey: $"{CancelMailsOfClosedRound.ReminderTopic(round.Id)}{person}"));
            }
        }
    }

    private async Task RemindAcknowledgersAsync(DateTimeOffset now, List<SendEmailCommand> mails, CancellationToken ct)
    {
        var inForce = await (
                from c in db.Codices.AsNoTracking()
                join v in db.Versions.AsNoTracking() on new { CodexId = c.Id, Number = c.VersionInForce!.Value } equals new { v.CodexId, v.Number }
                where c.VersionInForce != null
                select new { CodexId = c.Id, c.OrgUnitId, v.Number, v.PublishedAt, c.AcknowledgeReminderAfterDays })
            .ToListAsync(ct);
        foreach (var codex in inForce.Where(c => c.PublishedAt.AddDays(c.AcknowledgeReminderAfterDays) <= now))
        {
            var pending = await db.UnitMembers.AsNoTracking()
                .Where(m => m.OrgUnitId == codex.OrgUnitId)
                .Where(m => !db.Acknowledgements.Any(a => a.CodexId == codex.CodexId && a.PersonId == m.PersonId && a.VersionNumber == codex.Number))
                .Select(m => m.PersonId)
                .ToListAsync(ct);
            if (pending.Count == 0)
            {
                continue;
            }

            var unitName = await mail.UnitNameAsync(codex.OrgUnitId, ct);
            foreach (var person in pending)
            {
                mails.Add(new SendEmailCommand(
                    person,
                    "codex.acknowledge-reminder",
                    new Dictionary<string, string>
                    {
                        ["CodexName"] = unitName,
                        ["Version"] = codex.Number.ToString(CultureInfo.InvariantCulture),
                        ["ActionPath"] = $"/codex/{codex.OrgUnitId}",
                    },
                    $"codex-ack:{codex.CodexId}:v{codex.Number}:{person}",
                    EmailCategory.Mandatory,
                    TopicKey: $"codex-ack:{codex.CodexId}:{person}"));
            }
        }
    }
}

/// <summary>How TeamCodex queues its mails: unit names for the texts, sending through Notifications.</summary>
internal sealed class CodexMail(IMediator mediator)
{
    private IReadOnlyDictionary<Guid, string>? _unitNames;

    public async Task<string> UnitNameAsync(Guid unitId, CancellationToken ct)
    {
        _unitNames ??= (await mediator.Send(new GetOrgUnitsQuery(), ct)).ToDictionary(u => u.Id, u => u.Name);
        return _unitNames.GetValueOrDefault(unitId, "");
    }

    /// <summary>Queues a run's mails in one batch (deduplicated by Notifications); nothing to do for none.</summary>
    public async Task QueueAsync(IReadOnlyList<SendEmailCommand> mails, CancellationToken ct)
    {
        if (mails.Count > 0)
        {
            await mediator.Send(new QueueEmailsCommand(mails), ct);
        }
    }
}
