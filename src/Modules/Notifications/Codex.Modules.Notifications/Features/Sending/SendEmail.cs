using System.Text.Json;
using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Notifications.Domain;
using Codex.Modules.Notifications.Persistence;
using Codex.Modules.Notifications.Templates;
using Codex.Modules.Notifications.Transport;
using Codex.Shared.Jobs;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Notifications.Features.Sending;

internal sealed class SendEmailCommandValidator : AbstractValidator<SendEmailCommand>
{
    public SendEmailCommandValidator(IStringLocalizer<NotificationsTexts> texts)
    {
        RuleFor(c => c.RecipientPersonId).NotEmpty();
        RuleFor(c => c.DeduplicationKey).NotEmpty().MaximumLength(300);
        RuleFor(c => c.TopicKey).MaximumLength(300);
        RuleFor(c => c.Category).IsInEnum();
        RuleFor(c => c.TemplateKey).Must(EmailTemplates.Exists).WithMessage(c => $"Unknown template '{c.TemplateKey}'.");
        RuleFor(c => c.Data)
            .Must((c, data) => EmailTemplates.Placeholders(texts, c.TemplateKey).All(p => p == "Count" || data.ContainsKey(p)))
            .When(c => EmailTemplates.Exists(c.TemplateKey))
            .WithMessage(c => $"Template '{c.TemplateKey}' needs: {string.Join(", ", EmailTemplates.Placeholders(texts, c.TemplateKey))}.");
    }
}

/// <summary>Queues a mail once per deduplication key; the send job delivers it.</summary>
internal sealed class SendEmailCommandHandler(NotificationsDbContext db, MailOptions options, TimeProvider clock, IJobTrigger jobs)
    : IRequestHandler<SendEmailCommand, SendEmailResult>
{
    public const string MessageIdDomain = "codex.mail";

    public async Task<SendEmailResult> Handle(SendEmailCommand command, CancellationToken cancellationToken)
    {
        if (await db.EmailMessages.AnyAsync(m => m.DeduplicationKey == command.DeduplicationKey, cancellationToken))
        {
            return SendEmailResult.Duplicate;
        }

        if (command.TopicKey is { } topic)
        {
            var alreadyAboutTopic = await db.EmailMessages.CountAsync(
                m => m.TopicKey == topic && m.Status != EmailStatus.Cancelled && m.Status != EmailStatus.Failed, cancellationToken);
            if (alreadyAboutTopic >= options.MaxRemindersPerTopic)
            {
                return SendEmailResult.ReminderLimitReached;
            }
        }

        var now = clock.GetUtcNow();
        var message = EmailMessage.Queue(
            Guid.NewGuid(), command.RecipientPersonId, command.TemplateKey, JsonSerializer.Serialize(command.Data),
            command.DeduplicationKey, command.Category, command.TopicKey, command.NotBefore ?? now, now, MessageIdDomain);

        var preference = await db.Preferences.AsNoTracking().FirstOrDefaultAsync(p => p.Id == command.RecipientPersonId, cancellationToken);
        var switchedOff = preference?.DeliveryFor(command.Category) == MailDelivery.Off;
        if (switchedOff)
        {
            // Kept as cancelled so the key stays used: switching mail on later does not resend old reminders.
            message.Cancel("The recipient switched this optional mail off.");
        }

        db.EmailMessages.Add(message);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            if (await IsDuplicateAsync(command.DeduplicationKey))
            {
                return SendEmailResult.Duplicate;
            }

            throw;
        }

        if (switchedOff)
        {
            return SendEmailResult.SwitchedOff;
        }

        jobs.Trigger(SendQueuedEmailsCommand.JobName);
        return SendEmailResult.Queued;
    }

    /// <summary>Another instance queued the same key at the same moment; the unique index decided.</summary>
    private async Task<bool> IsDuplicateAsync(string key)
    {
        db.ChangeTracker.Clear();
        return await db.EmailMessages.AnyAsync(m => m.DeduplicationKey == key);
    }
}
