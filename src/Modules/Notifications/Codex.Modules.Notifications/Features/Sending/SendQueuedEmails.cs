using System.Text.Json;
using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Notifications.Domain;
using Codex.Modules.Notifications.Persistence;
using Codex.Modules.Notifications.Templates;
using Codex.Modules.Notifications.Transport;
using Codex.Modules.Organization.Contracts;
using Codex.Shared.Domain;

using MailKit.Net.Smtp;
using MailKit.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Codex.Modules.Notifications.Features.Sending;

/// <summary>
/// Drains the email outbox: due mails in batches, one connection per batch. A sender claims its
/// batch for a short lease and renews it while it works; it never sends a mail past its claim
/// (a send still running when the claim is about to run out is cancelled), so a mail is taken
/// over by another sender only when the first one can no longer send it — and a sender that died
/// or lost its database is replaced within a minute. What is sent is recorded in small groups
/// right after the server accepted it. The one window for a duplicate: the process dies (or
/// loses its database) after the server accepted a mail and before that record is saved — at
/// most <see cref="SendQueuedEmailsCommandHandler.RecordEvery"/> mails — or the connection breaks
/// after the end of the data, before the server's answer; the stable Message-ID lets receiving
/// systems recognise such a repeat.
/// </summary>
public sealed record SendQueuedEmailsCommand : IRequest<Unit>
{
    public const string JobName = "email-send";
}

internal sealed class SendQueuedEmailsCommandHandler(
    NotificationsDbContext db,
    IMailTransport transport,
    EmailRenderer renderer,
    MailOptions options,
    IMediator mediator,
    TimeProvider clock,
    ILogger<SendQueuedEmailsCommandHandler> logger) : IRequestHandler<SendQueuedEmailsCommand, Unit>
{
    /// <summary>A claim is short and renewed while the sender works; a sender that died releases its mails when it runs out.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    /// <summary>Below this much claim left, the sender renews it before the next mail.</summary>
    private static readonly TimeSpan RenewBelow = TimeSpan.FromSeconds(40);

    /// <summary>A send must be over this long before the claim runs out, answer included.</summary>
    private static readonly TimeSpan SafetyMargin = TimeSpan.FromSeconds(5);

    /// <summary>Sent mails are recorded in small groups: fewer round trips, a window of at most this many.</summary>
    public const int RecordEvery = 10;

    public async Task<Unit> Handle(SendQueuedEmailsCommand request, CancellationToken cancellationToken)
    {
        // Bounded, so one run cannot starve other jobs; the next run continues.
        for (var batch = 0; batch < 1000; batch++)
        {
            var claimed = await ClaimBatchAsync(cancellationToken);
            if (claimed is null)
            {
                return Unit.Value;
            }

            await SendBatchAsync(claimed, cancellationToken);
        }

        return Unit.Value;
    }

    /// <summary>Null when nothing is due; otherwise the claimed mails (possibly empty after deferring).</summary>
    private async Task<List<EmailMessage>?> ClaimBatchAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = clock.GetUtcNow();
        var due = await db.EmailMessages
            .Where(m => (m.Status == EmailStatus.Queued && m.NextAttemptAt <= now)
                        || (m.Status == EmailStatus.Sending && m.LeaseUntil < now))
            .OrderBy(m => m.NextAttemptAt)
            .Take(options.BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return null;
        }

        var recipients = due.Select(m => m.RecipientPersonId).Distinct().ToList();
        var preferences = await db.Preferences.AsNoTracking().Where(p => recipients.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var claimed = new List<EmailMessage>();
        foreach (var message in due)
        {
            var preference = preferences.GetValueOrDefault(message.RecipientPersonId) ?? NotificationPreference.Default(message.RecipientPersonId);
            if (!message.IsDigest && preference.DeliveryFor(message.Category) == MailDelivery.DailyDigest)
            {
                // Waits for the digest job, which merges it; checked again should the preference change.
                message.Defer(now + TimeSpan.FromHours(1));
                continue;
            }

            var allowed = message.Category == EmailCategory.Account
                ? now
                : (preference.QuietHours ?? options.QuietHours).NextAllowed(now, options.TimeZone);
            if (allowed > now)
            {
                message.Defer(allowed);
                continue;
            }

            message.Claim(now, Lease);
            claimed.Add(message);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another sender claimed some of these first; the next round picks up the rest.
            return [];
        }

        return claimed;
    }

    private async Task SendBatchAsync(List<EmailMessage> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var ready = await RenderAsync(batch, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (ready.Count == 0)
        {
            return;
        }

        IMailSession session;
        try
        {
            session = await transport.OpenAsync(cancellationToken);
        }
        catch (Exception ex) when (IsConnectionProblem(ex))
        {
            logger.LogWarning("Mail server not reachable: {Error}", ex.Message);
            await FailTransientlyAsync(ready, ex.Message, cancellationToken);
            return;
        }

        await using (session)
        {
            var unrecorded = 0;
            for (var i = 0; i < ready.Count; i++)
            {
                var message = ready[i];
                if (message.LeaseUntil - clock.GetUtcNow() < RenewBelow && !await RenewLeaseAsync(ready.Skip(i).ToList(), cancellationToken))
                {
                    return;
                }

                using var withinLease = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                withinLease.CancelAfter(message.LeaseUntil!.Value - SafetyMargin - clock.GetUtcNow());
                try
                {
                    await session.SendAsync(renderer.ToMime(message), withinLease.Token);
                    message.MarkSent(clock.GetUtcNow());
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The claim is about to run out mid-send: stop, so that whoever takes the mail over sends it alone.
                    // The rest keeps its claim, which runs out in seconds; then the next run takes it.
                    logger.LogWarning("Mail send outlasted its claim; the rest of the batch waits for the next run");
                    await db.SaveChangesAsync(cancellationToken);
                    return;
                }
                catch (SmtpCommandException ex) when ((int)ex.StatusCode is >= 400 and < 500)
                {
                    message.MarkTransientFailure($"{(int)ex.StatusCode} {ex.Message}", clock.GetUtcNow());
                }
                catch (SmtpCommandException ex)
                {
                    message.MarkPermanentFailure($"{(int)ex.StatusCode} {ex.Message}");
                }
                catch (Exception ex) when (IsConnectionProblem(ex))
                {
                    // The connection is gone: this and every later mail of the batch waits for the next run.
                    logger.LogWarning("Mail connection lost: {Error}", ex.Message);
                    await FailTransientlyAsync(ready.Skip(i).ToList(), ex.Message, cancellationToken);
                    return;
                }

                if (++unrecorded >= RecordEvery)
                {
                    await db.SaveChangesAsync(cancellationToken);
                    unrecorded = 0;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Fills in address, language and texts; mails to people who left are cancelled.</summary>
    private async Task<List<EmailMessage>> RenderAsync(List<EmailMessage> batch, CancellationToken cancellationToken)
    {
        var contacts = (await mediator.Send(new GetPeopleContactsQuery(batch.Select(m => m.RecipientPersonId).Distinct().ToList()), cancellationToken))
            .ToDictionary(c => c.PersonId);
        var digestIds = batch.Where(m => m.IsDigest).Select(m => (Guid?)m.Id).ToList();
        var digestItems = digestIds.Count == 0
            ? []
            : await db.EmailMessages.AsNoTracking().Where(m => digestIds.Contains(m.DigestId)).OrderBy(m => m.CreatedAt).ToListAsync(cancellationToken);

        var ready = new List<EmailMessage>();
        foreach (var message in batch)
        {
            if (!contacts.TryGetValue(message.RecipientPersonId, out var contact) || !contact.IsActive)
            {
                message.Cancel("The recipient is not an active member of the organisation.");
                continue;
            }

            if (!MimeKit.MailboxAddress.TryParse(contact.Email, out _))
            {
                message.MarkPermanentFailure($"Unusable address '{contact.Email}'.");
                continue;
            }

            var items = digestItems.Where(i => i.DigestId == message.Id).Select(i => (i.TemplateKey, Data(i))).ToList();
            var rendered = renderer.Render(message.TemplateKey, Data(message), contact.DisplayName, contact.PreferredLanguage, items);
            message.Rendered(contact.Email, contact.PreferredLanguage, rendered.Subject, rendered.Text, rendered.Html);
            ready.Add(message);
        }

        return ready;
    }

    /// <summary>Records what was sent and renews the claim on the batch's unsent mails; false when the claim is lost.</summary>
    private async Task<bool> RenewLeaseAsync(List<EmailMessage> unsent, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        var now = clock.GetUtcNow();
        try
        {
            // One claim for the whole batch: it is still held for all of them or for none.
            foreach (var message in unsent)
            {
                message.RenewLease(now, Lease);
            }

            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is DomainException or DbUpdateConcurrencyException)
        {
            logger.LogWarning("Mail claim lost before the batch was sent; another run sends the rest: {Error}", ex.Message);
            return false;
        }
    }

    private async Task FailTransientlyAsync(List<EmailMessage> messages, string error, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var message in messages)
        {
            message.MarkTransientFailure(error, now);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static IReadOnlyDictionary<string, string> Data(EmailMessage message) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(message.DataJson) ?? [];

    private static bool IsConnectionProblem(Exception ex) =>
        ex is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException or MailKit.ServiceNotConnectedException
            or MailKit.ServiceNotAuthenticatedException or AuthenticationException or TimeoutException
            or SslHandshakeException or UnauthorizedAccessException;
}
