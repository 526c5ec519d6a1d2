using System.Globalization;
using Codex.IntegrationTests.Infrastructure;
using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Notifications.Domain;
using Codex.Shared.Persistence;
using Codex.Testing;

namespace Codex.IntegrationTests.Notifications;

/// <summary>Quiet hours: mail waits for the window's end, it is never dropped.</summary>
public abstract class MailQuietHoursTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : HostTest(provider, postgres, host)
{
    protected override void ConfigureHost(CodexApplicationFactory factory)
    {
        factory.SendingTo(smtp.Server);
        factory.Settings["Notifications:QuietHours:From"] = QuietFrom.ToString("HH:mm", CultureInfo.InvariantCulture);
        factory.Settings["Notifications:QuietHours:To"] = QuietTo.ToString("HH:mm", CultureInfo.InvariantCulture);
        factory.Settings["Notifications:QuietHours:Weekends"] = "false";
    }

    private static readonly TimeZoneInfo Organisation = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>A window around the time the tests run (it may span midnight), so "now" is always quiet.</summary>
    private static readonly TimeOnly QuietFrom = Now().AddHours(-2);

    private static readonly TimeOnly QuietTo = Now().AddHours(6);

    private static TimeOnly Now()
    {
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Organisation).DateTime);
        return new TimeOnly(local.Hour, local.Minute);
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

        // Deferred to the end of the window, in the organisation's time zone, at most a few hours ahead.
        var local = TimeZoneInfo.ConvertTime(mail.NextAttemptAt, Organisation);
        Assert.Equal(QuietTo, TimeOnly.FromDateTime(local.DateTime));
        Assert.True(mail.NextAttemptAt < before.AddHours(7), $"deferred to the window's end, not {mail.NextAttemptAt:O}");
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class MailQuietHoursTestsOnSqlite(PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : MailQuietHoursTests(DatabaseProvider.Sqlite, postgres, host, smtp), IClassFixture<SharedHost>, IClassFixture<SmtpFixture>;

[Collection(IntegrationCollection.Name)]
public sealed class MailQuietHoursTestsOnPostgreSql(PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : MailQuietHoursTests(DatabaseProvider.PostgreSql, postgres, host, smtp), IClassFixture<SharedHost>, IClassFixture<SmtpFixture>;
