using System.Text.Json;
using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Notifications.Domain;
using Codex.Modules.Notifications.Persistence;
using Codex.Modules.Notifications.Transport;
using Codex.Modules.Organization.Contracts;
using Codex.Shared.Jobs;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Notifications.Features.Sending;

/// <summary>
/// The rules of queueing, for one mail or thousands: a deduplication key is accepted once, ever;
/// reminders per topic are capped; a switched-off optional mail is kept as cancelled; nothing is queued for
/// someone who left (Organization says who is active). Keys, topics, preferences and people are looked up in chunks (SQL Server allows about 2,100 parameters), and the mails are saved together.
/// </summary>
internal sealed class EmailQueue(NotificationsDbContext db, IMediator mediator, MailOptions options, TimeProvider clock, IJobTrigger jobs)
{
    private const int Chunk = 500;

    public async Task<IReadOnlyList<SendEmailResult>> QueueAsync(IReadOnlyList<SendEmailCommand> mails, CancellationToken cancellationToken)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var keys in mails.Select(m => m.DeduplicationKey).Distinct().Chunk(Chunk))
        {
            used.UnionWith(await db.EmailMessages.Where(m => keys.Contains(m.DeduplicationKey)).Select(m => m.DeduplicationKey).ToListAsync(cancellationToken));
        }

        var aboutTopic = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var topics in mails.Select(m => m.TopicKey).OfType<string>().Distinct().Chunk(Chunk))
        {
            var counts = await db.EmailMessages
                .Where(m => m.TopicKey != null && topics.Contains(m.TopicKey) && m.Status != EmailStatus.Cancelled && m.Status != EmailStatus.Failed)
                .GroupBy(m => m.TopicKey!)
                .Select(g => new { Topic = g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken);
            foreach (var count in counts)
            {
                aboutTopic[count.Topic] = count.Count;
            }
        }

        var preferences = new Dictionary<Guid, NotificationPreference>();
        foreach (var people in mails.Select(m => m.RecipientPersonId).Distinct().Chunk(Chunk))
        {
            foreach (var preference in await db.Preferences.AsNoTracking().Where(p => people.Contains(p.Id)).ToListAsync(cancellationToken))
            {
                preferences[preference.Id] = preference;
            }
        }

        var active = new HashSet<Guid>();
        foreach (var people in mails.Select(m => m.RecipientPersonId).Distinct().Chunk(Chunk))
        {
            active.UnionWith((await mediator.Send(new GetPeopleContactsQuery(people), cancellationToken)).Where(c => c.IsActive).Select(c => c.PersonId));
        }

        var now = clock.GetUtcNow();
        var results = new SendEmailResult[mails.Count];
        for (var i = 0; i < mails.Count; i++)
        {
            var command = mails[i];
            if (used.Contains(command.DeduplicationKey))
            {
                results[i] = SendEmailResult.Duplicate;
                continue;
            }

            if (!active.Contains(command.RecipientPersonId))
            {
                results[i] = SendEmailResult.RecipientInactive;
                continue;
            }

            if (command.TopicKey is { } topic)
            {
                var sent = aboutTopic.GetValueOrDefault(topic);
                if (sent >= options.MaxRemindersPerTopic)
                {
                    results[i] = SendEmailResult.ReminderLimitReached;
                    continue;
                }

                aboutTopic[topic] = sent + 1;
            }

            used.Add(command.DeduplicationKey);
            var message = EmailMessage.Queue(
                Guid.NewGuid(), command.RecipientPersonId, command.TemplateKey, JsonSerializer.Serialize(command.Data),
                command.DeduplicationKey, command.Category, command.TopicKey, command.NotBefore ?? now, now, SendEmailCommandHandler.MessageIdDomain);
            if (preferences.GetValueOrDefault(command.RecipientPersonId)?.DeliveryFor(command.Category) == MailDelivery.Off)
            {
                // Kept as cancelled so the key stays used: switching mail on later does not resend old reminders.
                message.Cancel("The recipient switched this optional mail off.");
                results[i] = SendEmailResult.SwitchedOff;
            }
            else
            {
                results[i] = SendEmailResult.Queued;
            }

            db.EmailMessages.Add(message);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance queued one of these keys at the same moment; the unique index decided.
            db.ChangeTracker.Clear();
            if (mails.Count == 1)
            {
                return await db.EmailMessages.AnyAsync(m => m.DeduplicationKey == mails[0].DeduplicationKey, CancellationToken.None)
                    ? [SendEmailResult.Duplicate]
                    : throw new InvalidOperationException("The mail could not be queued.");
            }

            var oneByOne = new List<SendEmailResult>();
            foreach (var mail in mails)
            {
                oneByOne.Add((await QueueAsync([mail], cancellationToken))[0]);
            }

            return oneByOne;
        }

        if (results.Contains(SendEmailResult.Queued))
        {
            jobs.Trigger(SendQueuedEmailsCommand.JobName);
        }

        return results;
    }
}
