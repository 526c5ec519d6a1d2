using MediatR;

namespace Codex.Modules.Notifications.Contracts;

public enum EmailCategory
{
    /// <summary>Needed for the person's work (a review round waiting for them): can be digested, never switched off.</summary>
    Mandatory,

    /// <summary>Helpful but not required: the person may receive it immediately, in a digest, or not at all.</summary>
    Optional,

    /// <summary>
    /// Sign-in mail (invitation link, password reset): sent at once, whatever the person's
    /// preferences and the quiet hours say — a link that waits for tomorrow's digest is no use.
    /// </summary>
    Account,
}

/// <summary>
/// Queues one email to a person. The only way other modules send mail.
/// </summary>
/// <param name="RecipientPersonId">The person (Organization module); address and language are looked up at send time.</param>
/// <param name="TemplateKey">A template of the Notifications module, e.g. "codex.review-reminder".</param>
/// <param name="Data">Values for the template's placeholders; "ActionPath" is the app path the call to action links to.</param>
/// <param name="DeduplicationKey">The same key is accepted once, ever: a job that runs twice sends nothing twice.</param>
/// <param name="TopicKey">What the mail is about (e.g. one review round for one person); reminders per topic are capped.</param>
/// <param name="NotBefore">Earliest send time; null for as soon as the person's preferences allow.</param>
public sealed record SendEmailCommand(
    Guid RecipientPersonId,
    string TemplateKey,
    IReadOnlyDictionary<string, string> Data,
    string DeduplicationKey,
    EmailCategory Category,
    string? TopicKey = null,
    DateTimeOffset? NotBefore = null) : IRequest<SendEmailResult>;

public enum SendEmailResult
{
    Queued,

    /// <summary>A mail with this deduplication key was accepted before.</summary>
    Duplicate,

    /// <summary>Enough reminders about this topic were sent already.</summary>
    ReminderLimitReached,

    /// <summary>The person switched this optional mail off.</summary>
    SwitchedOff,

    /// <summary>The person left the organisation (or is unknown): nothing is queued, and the key stays free for a return.</summary>
    RecipientInactive,
}

/// <summary>
/// Queues many mails at once (a daily reminder run): the same rules as <see cref="SendEmailCommand"/>
/// for each, checked with a few set-based queries and saved together. One result per mail, in order.
/// </summary>
public sealed record QueueEmailsCommand(IReadOnlyList<SendEmailCommand> Mails) : IRequest<IReadOnlyList<SendEmailResult>>;

/// <summary>
/// The thing some queued mails are about has ended (a review round closed, an enrolment completed
/// or withdrawn): every mail whose <see cref="SendEmailCommand.TopicKey"/> starts with one of the
/// prefixes and that has not gone out yet is cancelled, with the reason, and shown so on the admin
/// mail page. Mails already sent, failed or merged into a digest stay as they are. Returns how many were cancelled.
/// </summary>
public sealed record CancelQueuedEmailsCommand(IReadOnlyList<string> TopicKeyPrefixes, string Reason) : IRequest<int>;
