using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Notifications.Domain;
using Codex.Shared.Domain;

namespace Codex.Modules.Notifications.Tests;

public sealed class EmailMessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static EmailMessage Queued(DateTimeOffset? notBefore = null) => EmailMessage.Queue(
        Guid.NewGuid(), Guid.NewGuid(), "codex.review-reminder", "{}", "key-1", EmailCategory.Mandatory, "topic", notBefore ?? Now, Now, "codex.mail");

    [Fact]
    public void A_queued_mail_is_due_from_its_earliest_send_time_and_has_a_stable_message_id()
    {
        var mail = Queued(Now.AddHours(2));

        Assert.False(mail.IsDue(Now));
        Assert.True(mail.IsDue(Now.AddHours(2)));
        Assert.EndsWith("@codex.mail", mail.MessageId, StringComparison.Ordinal);
    }

    [Fact]
    public void A_claimed_mail_cannot_be_claimed_again_until_its_lease_runs_out()
    {
        var mail = Queued();
        mail.Claim(Now, TimeSpan.FromMinutes(10));

        Assert.Throws<DomainException>(() => mail.Claim(Now.AddMinutes(5), TimeSpan.FromMinutes(10)));
        mail.Claim(Now.AddMinutes(11), TimeSpan.FromMinutes(10));
        Assert.Equal(2, mail.Attempts);
    }

    [Fact]
    public void Transient_failures_are_retried_with_growing_pauses()
    {
        var mail = Queued();
        mail.Claim(Now, TimeSpan.FromMinutes(10));
        mail.MarkTransientFailure("421 try later", Now);

        Assert.Equal(EmailStatus.Queued, mail.Status);
        Assert.Equal(Now.AddMinutes(1), mail.NextAttemptAt);
        Assert.Equal("421 try later", mail.LastError);
        Assert.Equal(TimeSpan.FromMinutes(8), RetryPolicy.Delay(4));
        Assert.Equal(TimeSpan.FromHours(2), RetryPolicy.Delay(30));
    }

    [Fact]
    public void After_a_day_of_failures_the_mail_is_given_up_and_an_admin_can_retry_it()
    {
        var mail = Queued();
        mail.Claim(Now, TimeSpan.FromMinutes(10));
        mail.MarkTransientFailure("connection refused", Now + RetryPolicy.GiveUpAfter);

        Assert.Equal(EmailStatus.Failed, mail.Status);
        mail.Retry(Now.AddDays(2));
        Assert.Equal(EmailStatus.Queued, mail.Status);
        Assert.Equal(0, mail.Attempts);
        Assert.True(mail.IsDue(Now.AddDays(2)));
    }

    [Fact]
    public void A_permanent_refusal_fails_at_once_and_only_failed_mail_can_be_retried()
    {
        var mail = Queued();
        Assert.Throws<DomainException>(() => mail.Retry(Now));

        mail.Claim(Now, TimeSpan.FromMinutes(10));
        mail.MarkPermanentFailure("550 mailbox unavailable");

        Assert.Equal(EmailStatus.Failed, mail.Status);
        Assert.Equal("550 mailbox unavailable", mail.LastError);
    }

    [Fact]
    public void Mandatory_mail_can_be_digested_but_not_switched_off()
    {
        var preference = NotificationPreference.Default(Guid.NewGuid());

        Assert.Throws<DomainException>(() => preference.Change(MailDelivery.Immediately, MailDelivery.Off, null));
        preference.Change(MailDelivery.Off, MailDelivery.DailyDigest, null);

        Assert.Equal(MailDelivery.Off, preference.DeliveryFor(EmailCategory.Optional));
        Assert.Equal(MailDelivery.DailyDigest, preference.DeliveryFor(EmailCategory.Mandatory));
    }
}
