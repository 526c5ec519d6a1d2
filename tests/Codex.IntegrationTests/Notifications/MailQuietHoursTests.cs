using Codex.IntegrationTests.Infrastructure;
using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Notifications.Domain;
using Codex.Shared.Persistence;
using Codex.Testing;

namespace Codex.IntegrationTests.Notifications;

/// <summary>Quiet hours over (almost) the whole week: mail waits for the window's end, it is never dropped.</summary>
public abstract class MailQuietHoursTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : HostTest(provider, postgres, host)
{
    protected override void ConfigureHost(CodexApplicationFactory factory)
    {
        factory.SendingTo(smtp.Server);
        factory.Settings["Notifications:QuietHours:From"] = "00:00";
        factory.Settings["Notifications:QuietHours:To"] = "23:59";
        factory.Settings["Notifications:QuietHours:Weekends"] = "true";
    }

    [Fact]
    public async Task During_quiet_hours_a_mail_is_deferred_to_their_end_and_stays_queued()
    {
        var to = await (await AdminAsync()).NewRecipientAsync();

        Assert.Equal(SendEmailResult.Queued, await Factory.QueueAsync(MailTesting.Reminder(to.PersonId, "Ruhezeit")));
        var before = DateTimeOffset.UtcNow;
        await Factory.RunSendJobAsync();
        await Factory.RunSendJobAsync();

        Assert.Empty(smtp.Server.MessagesTo(to.Address));
        var mail = Assert.Single(await Factory.OutboxOfAsync(to.PersonId));
        Assert.Equal(EmailStatus.Queued, mail.Status);
        Assert.True(mail.NextAttemptAt > before, $"deferred into the future, not {mail.NextAttemptAt:O}");
        Assert.Equal(0, mail.Attempts);
        Assert.Null(mail.LastError);

        // The end of the window, in the organisation's time zone: 23:59 on a weekday.
        var local = TimeZoneInfo.ConvertTime(mail.NextAttemptAt, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        Assert.Equal(new TimeOnly(23, 59), TimeOnly.FromDateTime(local.DateTime));
        Assert.DoesNotContain(local.DayOfWeek, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday });
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class MailQuietHoursTestsOnSqlite(PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : MailQuietHoursTests(DatabaseProvider.Sqlite, postgres, host, smtp), IClassFixture<SharedHost>, IClassFixture<SmtpFixture>;

[Collection(IntegrationCollection.Name)]
public sealed class MailQuietHoursTestsOnPostgreSql(PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : MailQuietHoursTests(DatabaseProvider.PostgreSql, postgres, host, smtp), IClassFixture<SharedHost>, IClassFixture<SmtpFixture>;
