using Codex.Modules.Notifications.Contracts;
using Codex.Shared.Domain;

namespace Codex.Modules.Notifications.Domain;

public enum EmailStatus
{
    /// <summary>Waiting for its send time (or for the person's digest).</summary>
    Queued,

    /// <summary>Claimed by a sender until <see cref="EmailMessage.LeaseUntil"/>; a crashed sender's claim runs out.</summary>
    Sending,
    Sent,

    /// <summary>Given up: the server refused it permanently, or retries ran out. An admin can retry.</summary>
    Failed,

    /// <summary>Merged into a digest mail (see <see cref="EmailMessage.DigestId"/>), which is sent instead.</summary>
    Digested,

    /// <summary>Not sent because the recipient left the organisation.</summary>
    Cancelled,
}

/// <summary>
/// One mail in the outbox, from queueing to delivery. The rendered subject and bodies are kept
/// after sending so admins can see what went out.
/// </summary>
public sealed class EmailMessage : AggregateRoot
{
    public const string DigestTemplate = "notifications.digest";

    private EmailMessage()
    {
    }

    public Guid RecipientPersonId { get; private set; }

    public string TemplateKey { get; private set; } = "";

    public string DataJson { get; private set; } = "{}";

    public string DeduplicationKey { get; private set; } = "";

    public string? TopicKey { get; private set; }

    public EmailCategory Category { get; private set; }

    public EmailStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? LeaseUntil { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>Stable across retries, so a receiving server can recognise a re-sent mail.</summary>
    public string MessageId { get; private set; } = "";

    public Guid? DigestId { get; private set; }

    public string? RecipientAddress { get; private set; }

    public string? Language { get; private set; }

    public string? Subject { get; private set; }

    public string? TextBody { get; private set; }

    public string? HtmlBody { get; private set; }

    public bool IsDigest => TemplateKey == DigestTemplate;

    public static EmailMessage Queue(
        Guid id, Guid recipientPersonId, string templateKey, string dataJson, string deduplicationKey,
        EmailCategory category, string? topicKey, DateTimeOffset notBefore, DateTimeOffset now, string messageIdDomain) => new()
        {
            Id = id,
            RecipientPersonId = recipientPersonId,
            TemplateKey = templateKey,
            DataJson = dataJson,
            DeduplicationKey = deduplicationKey,
            Category = category,
            TopicKey = topicKey,
            Status = EmailStatus.Queued,
            CreatedAt = now,
            NextAttemptAt = notBefore > now ? notBefore : now,
            MessageId = $"{id:N}@{messageIdDomain}",
        };

    /// <summary>Only a queued mail whose time has come, or one whose sender's claim ran out, can be claimed.</summary>
    public bool IsDue(DateTimeOffset now) =>
        (Status == EmailStatus.Queued && NextAttemptAt <= now)
        || (Status == EmailStatus.Sending && LeaseUntil < now);

    public void Claim(DateTimeOffset now, TimeSpan lease)
    {
        if (!IsDue(now))
        {
            throw new DomainException("Mail.NotDue", "This mail is not due for sending.");
        }

        Status = EmailStatus.Sending;
        LeaseUntil = now + lease;
        Attempts++;
    }

    /// <summary>
    /// The sender extends its claim while it works. Only a claim that has not run out can be
    /// extended: once it has, another sender may have taken the mail.
    /// </summary>
    public void RenewLease(DateTimeOffset now, TimeSpan lease)
    {
        if (Status != EmailStatus.Sending || LeaseUntil is not { } until || until <= now)
        {
            throw new DomainException("Mail.LeaseLost", "The claim on this mail has run out.");
        }

        LeaseUntil = now + lease;
    }

    /// <summary>Quiet hours or a digest preference move the send time; nothing is dropped.</summary>
    public void Defer(DateTimeOffset until)
    {
        Status = EmailStatus.Queued;
        LeaseUntil = null;
        NextAttemptAt = until;
    }

    public void Rendered(string address, string language, string subject, string textBody, string htmlBody)
    {
        RecipientAddress = address;
        Language = language;
        Subject = subject;
        TextBody = textBody;
        HtmlBody = htmlBody;
    }

    public void MarkSent(DateTimeOffset now)
    {
        Status = EmailStatus.Sent;
        SentAt = now;
        LeaseUntil = null;
        LastError = null;
    }

    /// <summary>A network problem or a 4xx answer: try again later, with growing pauses, for a day.</summary>
    public void MarkTransientFailure(string error, DateTimeOffset now)
    {
        LastError = Truncate(error);
        LeaseUntil = null;
        if (now - CreatedAt >= RetryPolicy.GiveUpAfter)
        {
            Status = EmailStatus.Failed;
            return;
        }

        Status = EmailStatus.Queued;
        NextAttemptAt = now + RetryPolicy.Delay(Attempts);
    }

    /// <summary>A 5xx answer or an unusable address: retrying would not help.</summary>
    public void MarkPermanentFailure(string error)
    {
        Status = EmailStatus.Failed;
        LeaseUntil = null;
        LastError = Truncate(error);
    }

    public void Cancel(string reason)
    {
        Status = EmailStatus.Cancelled;
        LeaseUntil = null;
        LastError = Truncate(reason);
    }

    public void MergeInto(EmailMessage digest)
    {
        Status = EmailStatus.Digested;
        DigestId = digest.Id;
        LeaseUntil = null;
    }

    /// <summary>An admin sends a failed mail again, with a fresh retry budget.</summary>
    public void Retry(DateTimeOffset now)
    {
        if (Status != EmailStatus.Failed)
        {
            throw new DomainException("Mail.OnlyFailedCanBeRetried", "Only a failed mail can be sent again.");
        }

        Status = EmailStatus.Queued;
        NextAttemptAt = now;
        CreatedAt = now;
        Attempts = 0;
        LastError = null;
    }

    private static string Truncate(string text) => text.Length > 1000 ? text[..1000] : text;
}

/// <summary>Exponential back-off: 1, 2, 4 … minutes, at most 2 hours apart, given up after 24 hours.</summary>
public static class RetryPolicy
{
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(24);

    private static readonly TimeSpan First = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Longest = TimeSpan.FromHours(2);

    public static TimeSpan Delay(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 16);
        var delay = TimeSpan.FromTicks(First.Ticks * (1L << exponent));
        return delay > Longest ? Longest : delay;
    }
}
