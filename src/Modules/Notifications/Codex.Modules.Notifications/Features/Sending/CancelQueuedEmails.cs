using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Notifications.Domain;
using Codex.Modules.Notifications.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Notifications.Features.Sending;

internal sealed class CancelQueuedEmailsCommandValidator : AbstractValidator<CancelQueuedEmailsCommand>
{
    public CancelQueuedEmailsCommandValidator()
    {
        RuleFor(c => c.TopicKeyPrefixes).NotEmpty();
        // A prefix names one thing ("codex-round:{id}:"): an empty or tiny prefix would cancel everyone's mail.
        RuleForEach(c => c.TopicKeyPrefixes).NotEmpty().MinimumLength(8).MaximumLength(300);
        RuleFor(c => c.Reason).NotEmpty().MaximumLength(500);
    }
}

/// <summary>
/// Cancels the mails about something that ended before they go out. Only queued mails (and claims
/// that ran out) are touched; the send job renders and sends in one batch under its own lease, and
/// a concurrent claim wins (the version check refuses this update, and the mail goes out as it was
/// already being sent).
/// </summary>
internal sealed class CancelQueuedEmailsCommandHandler(NotificationsDbContext db, TimeProvider clock) : IRequestHandler<CancelQueuedEmailsCommand, int>
{
    public async Task<int> Handle(CancelQueuedEmailsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cancelled = 0;
        foreach (var prefix in command.TopicKeyPrefixes.Distinct(StringComparer.Ordinal))
        {
            var waiting = await db.EmailMessages
                .Where(m => m.TopicKey != null && m.TopicKey.StartsWith(prefix)
                            && (m.Status == EmailStatus.Queued || (m.Status == EmailStatus.Sending && m.LeaseUntil < now)))
                .ToListAsync(cancellationToken);
            foreach (var message in waiting)
            {
                message.Cancel(command.Reason);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                cancelled += waiting.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                // A sender claimed one of them meanwhile: that one goes out; cancel the rest one by one.
                db.ChangeTracker.Clear();
                cancelled += await CancelOneByOneAsync(waiting.Select(m => m.Id).ToList(), command.Reason, now, cancellationToken);
            }
        }

        return cancelled;
    }

    private async Task<int> CancelOneByOneAsync(List<Guid> ids, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cancelled = 0;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var message = await db.EmailMessages.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
            if (message is null || !(message.Status == EmailStatus.Queued || (message.Status == EmailStatus.Sending && message.LeaseUntil < now)))
            {
                continue;
            }

            message.Cancel(reason);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                cancelled++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Claimed by a sender this very moment.
            }
        }

        return cancelled;
    }
}
