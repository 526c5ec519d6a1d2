using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Notifications.Domain;
using Codex.Modules.Notifications.Persistence;
using Codex.Shared.Jobs;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Notifications.Features.Sending;

/// <summary>
/// Merges each person's waiting mails (those whose category they receive as a daily digest) into
/// one digest mail, then lets the send job deliver it. Runs at the digest hour (job "email-digest").
/// </summary>
public sealed record SendDailyDigestsCommand : IRequest<Unit>
{
    public const string JobName = "email-digest";
}

internal sealed class SendDailyDigestsCommandHandler(NotificationsDbContext db, TimeProvider clock, IJobTrigger jobs)
    : IRequestHandler<SendDailyDigestsCommand, Unit>
{
    public async Task<Unit> Handle(SendDailyDigestsCommand request, CancellationToken cancellationToken)
    {
        var digestPreferences = await db.Preferences.AsNoTracking()
            .Where(p => p.OptionalMail == MailDelivery.DailyDigest || p.MandatoryMail == MailDelivery.DailyDigest)
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        if (digestPreferences.Count == 0)
        {
            return Unit.Value;
        }

        var people = digestPreferences.Keys.ToList();
        var waiting = await db.EmailMessages
            .Where(m => m.Status == EmailStatus.Queued && m.TemplateKey != EmailMessage.DigestTemplate && people.Contains(m.RecipientPersonId))
            .OrderBy(m => m.CreatedAt)
            .ToListAsync(cancellationToken);

        var now = clock.GetUtcNow();
        var created = 0;
        foreach (var group in waiting
                     .Where(m => digestPreferences[m.RecipientPersonId].DeliveryFor(m.Category) == MailDelivery.DailyDigest)
                     .GroupBy(m => m.RecipientPersonId))
        {
            var items = group.ToList();
            var category = items.Any(i => i.Category == EmailCategory.Mandatory) ? EmailCategory.Mandatory : EmailCategory.Optional;
            var digest = EmailMessage.Queue(
                Guid.NewGuid(), group.Key, EmailMessage.DigestTemplate, "{}",
                // The merged items decide the key: the same set can never become two digests.
                $"digest:{group.Key:N}:{items[0].Id:N}:{items.Count}", category, topicKey: null, now, now, SendEmailCommandHandler.MessageIdDomain);
            db.EmailMessages.Add(digest);
            foreach (var item in items)
            {
                item.MergeInto(digest);
            }

            created++;
        }

        // One save: items and their digest change together, or (another run was faster) not at all.
        await db.SaveChangesAsync(cancellationToken);
        if (created > 0)
        {
            jobs.Trigger(SendQueuedEmailsCommand.JobName);
        }

        return Unit.Value;
    }
}
