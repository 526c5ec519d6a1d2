using System.Net;
using System.Text.RegularExpressions;
using Codex.IntegrationTests.Infrastructure;
using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Notifications.Domain;
using Codex.Shared.Persistence;
using Codex.Testing;

namespace Codex.IntegrationTests.Notifications;

/// <summary>
/// The mail outbox end to end: queued through SendEmailCommand, delivered by the send job over
/// real SMTP (aiosmtpd). The job server is off; each test runs the jobs itself, so nothing depends
/// on timing. Tests share the host and the SMTP server and look only at their own recipient.
/// </summary>
public abstract class MailDeliveryTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : HostTest(provider, postgres, host)
{
    private SmtpTestServer Smtp => smtp.Server;

    protected override void ConfigureHost(CodexApplicationFactory factory)
    {
        factory.SendingTo(smtp.Server);
        factory.Settings["Notifications:MaxRemindersPerTopic"] = "2";
    }

    public override async Task DisposeAsync()
    {
        // A test that stopped the server or refused recipients leaves it as it found it.
        Smtp.AcceptAllRecipients();
        await Smtp.StartAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_queued_reminder_arrives_in_the_recipients_language_with_text_html_link_and_a_stable_message_id()
    {
        var admin = await AdminAsync();
        var to = await admin.NewRecipientAsync("Emma");
        await admin.ChangeLanguageAsync(to.PersonId, "en");

        Assert.Equal(SendEmailResult.Queued, await Factory.QueueAsync(MailTesting.Reminder(to.PersonId, "Night Shift")));
        await Factory.RunSendJobAsync();

        var message = Assert.Single(await Smtp.ArrivedAsync(to.Address));
        Assert.Equal("Reminder: your response to the team codex “Night Shift”", message.Subject);
        Assert.Equal("codex@sozialwerk-rheinaue.example", message.From.Mailboxes.Single().Address);
        Assert.Contains($"Hello Emma {to.LastName},", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("closes on 15.12.2026", message.TextBody, StringComparison.Ordinal);
        const string link = "https://codex.sozialwerk-rheinaue.example/codex/rounds/Night-Shift";
        Assert.Contains($"Go to the review round: {link}", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{link}\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Go to the review round</a>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);

        // The Message-ID is the outbox row's, fixed when the mail was queued: a repeat would carry the same one.
        var row = Assert.Single(await Factory.OutboxOfAsync(to.PersonId));
        Assert.Equal(EmailStatus.Sent, row.Status);
        Assert.Equal("en", row.Language);
        Assert.Equal($"{row.Id:N}@codex.mail", message.MessageId);
        Assert.Equal(row.MessageId, (await admin.EmailAsync(row.Id)).MessageId);
    }

    [Fact]
    public async Task The_same_deduplication_key_twice_is_a_duplicate_and_one_mail_arrives_even_when_the_send_job_runs_twice()
    {
        var to = await (await AdminAsync()).NewRecipientAsync();
        var key = "round-42:" + to.PersonId;

        Assert.Equal(SendEmailResult.Queued, await Factory.QueueAsync(MailTesting.Reminder(to.PersonId, "Pflege", deduplicationKey: key)));
        Assert.Equal(SendEmailResult.Duplicate, await Factory.QueueAsync(MailTesting.Reminder(to.PersonId, "Pflege", deduplicationKey: key)));
        await Factory.RunSendJobAsync();
        await Factory.RunSendJobAsync();

        Assert.Single(await Smtp.ArrivedAsync(to.Address));
        Assert.Single(await Factory.OutboxOfAsync(to.PersonId));
    }

    [Fact]
    public async Task While_the_mail_server_is_down_the_mail_stays_queued_and_arrives_once_when_it_is_back()
    {
        var admin = await AdminAsync();
        var to = await admin.NewRecipientAsync();
        await Smtp.StopAsync();

        Assert.Equal(SendEmailResult.Queued, await Factory.QueueAsync(MailTesting.Reminder(to.PersonId, "Ausfall")));
        await Factory.RunSendJobAsync();

        var queued = Assert.Single(await admin.EmailsAsync("Queued"), e => e.Recipient == $"Mira {to.LastName}");
        Assert.False(string.IsNullOrWhiteSpace(queued.LastError));
        Assert.Equal(1, queued.Attempts);
        Assert.True(queued.NextAttemptAt > DateTimeOffset.UtcNow, "the retry waits for its back-off");
        Assert.Empty(Smtp.MessagesTo(to.Address));

        await Smtp.StartAsync();
        await Factory.RunSendJobAsync();
        Assert.Empty(Smtp.MessagesTo(to.Address)); // not yet due: the back-off holds

        Assert.Equal(1, await Factory.MakeDueAsync(to.PersonId));
        await Factory.RunSendJobAsync();
        await Factory.RunSendJobAsync();

        Assert.Single(await Smtp.ArrivedAsync(to.Address));
        var sent = Assert.Single(await Factory.OutboxOfAsync(to.PersonId));
        Assert.Equal(EmailStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
        Assert.Null(sent.LastError);
    }

    [Fact]
    public async Task A_permanent_refusal_fails_the_mail_with_the_servers_reason_and_an_admin_retry_delivers_it()
    {
        var admin = await AdminAsync();
        var to = await admin.NewRecipientAsync();
        Smtp.RejectRecipientsMatching(Regex.Escape(to.Address), 550, "Mailbox unavailable: no such user here");

        Assert.Equal(SendEmailResult.Queued, await Factory.QueueAsync(MailTesting.Reminder(to.PersonId, "Abgelehnt")));
        await Factory.RunSendJobAsync();

        var failed = Assert.Single(await admin.EmailsAsync("Failed"), e => e.Recipient == $"Mira {to.LastName}");
        Assert.StartsWith("550 ", failed.LastError, StringComparison.Ordinal);
        Assert.Contains("no such user here", failed.LastError, StringComparison.Ordinal);
        Assert.Empty(Smtp.MessagesTo(to.Address));

        Smtp.AcceptAllRecipients();
        await (await admin.PostAsync($"/api/notifications/emails/{failed.Id}/retry", null)).AssertStatusAsync(HttpStatusCode.Accepted);
        await Factory.RunSendJobAsync();

        Assert.Single(await Smtp.ArrivedAsync(to.Address));
        var details = await admin.EmailAsync(failed.Id);
        Assert.Equal("Sent", details.Status);
        Assert.Null(details.LastError);
    }

    [Fact]
    public async Task A_refused_recipient_fails_alone_while_the_rest_of_its_batch_is_delivered()
    {
        var admin = await AdminAsync();
        var refused = await admin.NewRecipientAsync("Rolf");
        var others = new[] { await admin.NewRecipientAsync("Ada"), await admin.NewRecipientAsync("Ben") };
        Smtp.RejectRecipientsMatching(Regex.Escape(refused.Address), 550, "No such mailbox");

        await Factory.QueueAsync(MailTesting.Reminder(others[0].PersonId, "Vorher"));
        await Factory.QueueAsync(MailTesting.Reminder(refused.PersonId, "Abgelehnt"));
        await Factory.QueueAsync(MailTesting.Reminder(others[1].PersonId, "Nachher"));
        await Factory.RunSendJobAsync();

        foreach (var other in others)
        {
            Assert.Single(await Smtp.ArrivedAsync(other.Address));
        }

        Assert.Empty(Smtp.MessagesTo(refused.Address));
        Assert.Equal(EmailStatus.Failed, Assert.Single(await Factory.OutboxOfAsync(refused.PersonId)).Status);
    }

    [Fact]
    public async Task A_batch_follows_the_rules_of_single_mails_duplicates_and_the_topic_cap_included_and_a_second_run_queues_nothing()
    {
        var to = await (await AdminAsync()).NewRecipientAsync();
        var topic = "batch-topic:" + Guid.NewGuid().ToString("N");
        var earlier = MailTesting.Reminder(to.PersonId, "Früher");
        Assert.Equal(SendEmailResult.Queued, await Factory.QueueAsync(earlier));
        var batch = new QueueEmailsCommand(
        [
            MailTesting.Reminder(to.PersonId, "Eins", topicKey: topic, deduplicationKey: topic + ":1"),
            MailTesting.Reminder(to.PersonId, "Eins doppelt", topicKey: topic, deduplicationKey: topic + ":1"),
            earlier,
            MailTesting.Reminder(to.PersonId, "Zwei", topicKey: topic, deduplicationKey: topic + ":2"),
            MailTesting.Reminder(to.PersonId, "Drei", topicKey: topic, deduplicationKey: topic + ":3"),
        ]);

        var results = await Factory.SendAsync(batch);

        // The host caps reminders per topic at 2 (see ConfigureHost).
        Assert.Equal(
            [SendEmailResult.Queued, SendEmailResult.Duplicate, SendEmailResult.Duplicate, SendEmailResult.Queued, SendEmailResult.ReminderLimitReached],
            results);
        Assert.All(await Factory.SendAsync(batch), r => Assert.NotEqual(SendEmailResult.Queued, r));
        await Factory.RunSendJobAsync();
        Assert.Equal(3, (await Smtp.ArrivedAsync(to.Address, 3)).Count);
        Assert.Equal(3, (await Factory.OutboxOfAsync(to.PersonId)).Count);
    }

    [Fact]
    public async Task Two_send_jobs_running_at_once_deliver_every_mail_exactly_once()
    {
        const int count = 30;
        var to = await (await AdminAsync()).NewRecipientAsync();
        for (var i = 1; i <= count; i++)
        {
            Assert.Equal(SendEmailResult.Queued, await Factory.QueueAsync(MailTesting.Reminder(to.PersonId, $"Parallel {i}")));
        }

        await Task.WhenAll(Factory.RunSendJobAsync(), Factory.RunSendJobAsync(), Factory.RunSendJobAsync());
        await Factory.RunSendJobAsync();

        var arrived = await Smtp.ArrivedAsync(to.Address, count);
        Assert.Equal(count, arrived.Count);
        Assert.Equal(count, arrived.Select(m => m.MessageId).Distinct().Count());
        Assert.All(await Factory.OutboxOfAsync(to.PersonId), m => Assert.Equal(EmailStatus.Sent, m.Status));
    }

    [Fact]
    public async Task A_temporary_refusal_keeps_the_mail_queued_with_back_off_until_the_server_accepts_it()
    {
        var admin = await AdminAsync();
        var to = await admin.NewRecipientAsync();
        Smtp.RejectRecipientsMatching(Regex.Escape(to.Address), 451, "Mailbox busy, try later");

        await Factory.QueueAsync(MailTesting.Reminder(to.PersonId, "Später"));
        await Factory.RunSendJobAsync();

        var queued = Assert.Single(await Factory.OutboxOfAsync(to.PersonId));
        Assert.Equal(EmailStatus.Queued, queued.Status);
        Assert.StartsWith("451 ", queued.LastError, StringComparison.Ordinal);
        Assert.True(queued.NextAttemptAt > DateTimeOffset.UtcNow, "the retry waits for its back-off");

        Smtp.AcceptAllRecipients();
        await Factory.MakeDueAsync(to.PersonId);
        await Factory.RunSendJobAsync();

        Assert.Single(await Smtp.ArrivedAsync(to.Address));
        Assert.Equal(EmailStatus.Sent, Assert.Single(await Factory.OutboxOfAsync(to.PersonId)).Status);
    }

    [Fact]
    public async Task A_mail_claimed_by_a_sender_that_died_is_sent_once_after_the_claim_runs_out()
    {
        var to = await (await AdminAsync()).NewRecipientAsync();
        await Factory.QueueAsync(MailTesting.Reminder(to.PersonId, "Verwaist"));
        await Factory.ClaimAsync(to.PersonId, leaseUntil: DateTimeOffset.UtcNow.AddMinutes(10));

        await Factory.RunSendJobAsync();
        Assert.Empty(Smtp.MessagesTo(to.Address)); // another sender still holds it

        await Factory.ClaimAsync(to.PersonId, leaseUntil: DateTimeOffset.UtcNow.AddMinutes(-1));
        await Factory.RunSendJobAsync();
        await Factory.RunSendJobAsync();

        Assert.Single(await Smtp.ArrivedAsync(to.Address));
        Assert.Equal(EmailStatus.Sent, Assert.Single(await Factory.OutboxOfAsync(to.PersonId)).Status);
    }

    [Fact]
    public async Task A_person_who_chose_the_daily_digest_gets_one_mail_listing_all_waiting_reminders()
    {
        var admin = await AdminAsync();
        var member = await admin.PersonIdAsync(DemoLogins.Member);
        await (await MemberAsync()).ChangeMyMailAsync("DailyDigest", "DailyDigest");
        string[] codices = ["Nachtdienst", "Übergabe", "Dokumentation"];

        Assert.Equal(SendEmailResult.Queued, await Factory.QueueAsync(MailTesting.Reminder(member, codices[0])));
        Assert.Equal(SendEmailResult.Queued, await Factory.QueueAsync(MailTesting.Reminder(member, codices[1])));
        Assert.Equal(SendEmailResult.Queued, await Factory.QueueAsync(MailTesting.Reminder(member, codices[2], EmailCategory.Optional)));
        await Factory.RunSendJobAsync();

        Assert.Empty(Smtp.MessagesTo(DemoLogins.Member));
        Assert.All(await Factory.OutboxOfAsync(member), m => Assert.Equal(EmailStatus.Queued, m.Status));

        await Factory.RunDigestJobAsync();
        await Factory.RunSendJobAsync();
        await Factory.RunDigestJobAsync();
        await Factory.RunSendJobAsync();

        var digest = Assert.Single(await Smtp.ArrivedAsync(DemoLogins.Member));
        Assert.Equal("Ihre Codex-Zusammenfassung: 3 Hinweise", digest.Subject);
        foreach (var codex in codices)
        {
            Assert.Contains($"- Erinnerung: Ihre Rückmeldung zum Teamkodex „{codex}“", digest.TextBody, StringComparison.Ordinal);
            Assert.Contains($"Erinnerung: Ihre Rückmeldung zum Teamkodex „{codex}“</a>", WebUtility.HtmlDecode(digest.HtmlBody), StringComparison.Ordinal);
        }

        var outbox = await Factory.OutboxOfAsync(member);
        Assert.Equal(3, outbox.Count(m => m.Status == EmailStatus.Digested));
        Assert.Single(outbox, m => m.Status == EmailStatus.Sent && m.IsDigest);
    }

    [Fact]
    public async Task Optional_mail_switched_off_is_not_sent_while_mandatory_mail_still_arrives()
    {
        var admin = await AdminAsync();
        var lead = await admin.PersonIdAsync(DemoLogins.TeamLead);
        await (await TeamLeadAsync()).ChangeMyMailAsync("Off", "Immediately");

        Assert.Equal(SendEmailResult.SwitchedOff, await Factory.QueueAsync(MailTesting.Reminder(lead, "Freiwillig", EmailCategory.Optional)));
        await Factory.RunSendJobAsync();
        Assert.Empty(Smtp.MessagesTo(DemoLogins.TeamLead));

        Assert.Equal(SendEmailResult.Queued, await Factory.QueueAsync(MailTesting.Reminder(lead, "Pflicht")));
        await Factory.RunSendJobAsync();

        var message = Assert.Single(await Smtp.ArrivedAsync(DemoLogins.TeamLead));
        Assert.Equal("Erinnerung: Ihre Rückmeldung zum Teamkodex „Pflicht“", message.Subject);
        Assert.Single(await Factory.OutboxOfAsync(lead), m => m.Status == EmailStatus.Cancelled);
    }

    [Fact]
    public async Task The_third_reminder_about_one_topic_reaches_the_limit_of_two()
    {
        var to = await (await AdminAsync()).NewRecipientAsync();
        var topic = "review-round:7:" + to.PersonId;

        Assert.Equal(SendEmailResult.Queued, await Factory.QueueAsync(MailTesting.Reminder(to.PersonId, "Erste", topicKey: topic)));
        Assert.Equal(SendEmailResult.Queued, await Factory.QueueAsync(MailTesting.Reminder(to.PersonId, "Zweite", topicKey: topic)));
        Assert.Equal(SendEmailResult.ReminderLimitReached, await Factory.QueueAsync(MailTesting.Reminder(to.PersonId, "Dritte", topicKey: topic)));
        Assert.Equal(SendEmailResult.Queued, await Factory.QueueAsync(MailTesting.Reminder(to.PersonId, "Anderes Thema", topicKey: topic + ":other")));
        await Factory.RunSendJobAsync();

        var arrived = await Smtp.ArrivedAsync(to.Address, 3);
        Assert.Equal(3, arrived.Count);
        Assert.DoesNotContain(arrived, m => (m.Subject ?? "").Contains("Dritte", StringComparison.Ordinal));
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class MailDeliveryTestsOnSqlite(PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : MailDeliveryTests(DatabaseProvider.Sqlite, postgres, host, smtp), IClassFixture<SharedHost>, IClassFixture<SmtpFixture>;

[Collection(IntegrationCollection.Name)]
public sealed class MailDeliveryTestsOnPostgreSql(PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : MailDeliveryTests(DatabaseProvider.PostgreSql, postgres, host, smtp), IClassFixture<SharedHost>, IClassFixture<SmtpFixture>;
