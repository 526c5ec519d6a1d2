using System.Diagnostics;
using System.Globalization;
using Codex.IntegrationTests.Notifications;
using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Notifications.Features.Sending;
using Codex.Testing;

namespace Codex.IntegrationTests.Recovery;

/// <summary>What the recovery tests share: many mails to one recipient, counted by Message-ID at the SMTP server.</summary>
internal static class Recovery
{
    /// <summary>The promise under test: background work resumes within a minute.</summary>
    public static readonly TimeSpan ResumesWithin = TimeSpan.FromSeconds(60);

    /// <summary>The documented duplicate window: the mails sent but not yet recorded when the sender stopped, plus the one in flight.</summary>
    public const int MaxDuplicates = SendQueuedEmailsCommandHandler.RecordEvery + 1;

    /// <summary>Settings for a host (in this process or its own) that sends through the test server, with no quiet hours.</summary>
    public static Dictionary<string, string?> SendingSettings(CodexApplicationFactory factory, SmtpTestServer smtp) => new()
    {
        ["Database:Provider"] = factory.Provider.ToString(),
        ["ConnectionStrings:Codex"] = factory.ConnectionString,
        ["Demo:Seed"] = "false",
        ["Jobs:RunServer"] = "true",
        ["Notifications:Transport"] = "Smtp",
        ["Notifications:Smtp:Host"] = smtp.Host,
        ["Notifications:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Notifications:Smtp:Security"] = "None",
        ["Notifications:BaseUrl"] = "https://codex.sozialwerk-rheinaue.example/",
        ["Notifications:QuietHours:From"] = "00:00",
        ["Notifications:QuietHours:To"] = "00:00",
        ["Notifications:QuietHours:Weekends"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>Queues <paramref name="count"/> mandatory reminders in one batch (which triggers the send job).</summary>
    public static async Task QueueManyAsync(this CodexApplicationFactory factory, Guid personId, int count, string label)
    {
        var mails = Enumerable.Range(1, count).Select(i => MailTesting.Reminder(personId, $"{label} {i}")).ToList();
        var results = await factory.SendAsync(new QueueEmailsCommand(mails));
        Assert.All(results, r => Assert.Equal(SendEmailResult.Queued, r));
    }

    /// <summary>Distinct Message-IDs that arrived for the address, and how many mails in all.</summary>
    public static (int Distinct, int Total) Arrived(this SmtpTestServer smtp, string address)
    {
        var mine = smtp.MessagesTo(address);
        return (mine.Select(m => m.MessageId).Distinct(StringComparer.Ordinal).Count(), mine.Count);
    }

    /// <summary>Waits until more than <paramref name="than"/> distinct mails arrived; returns how long that took.</summary>
    public static async Task<TimeSpan> TimeUntilMoreThanAsync(this SmtpTestServer smtp, string address, int than, TimeSpan limit, string what)
    {
        var watch = Stopwatch.StartNew();
        while (smtp.Arrived(address).Distinct <= than)
        {
            if (watch.Elapsed > limit)
            {
                Assert.Fail($"{what}: no mail beyond the first {than} within {limit.TotalSeconds} s.");
            }

            await Task.Delay(200);
        }

        return watch.Elapsed;
    }

    /// <summary>Waits until all <paramref name="count"/> distinct mails arrived (failing after <paramref name="limit"/>).</summary>
    public static async Task AllArriveAsync(this SmtpTestServer smtp, string address, int count, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (smtp.Arrived(address).Distinct < count)
        {
            if (watch.Elapsed > limit)
            {
                Assert.Fail($"Only {smtp.Arrived(address).Distinct} of {count} mails arrived within {limit.TotalSeconds} s.");
            }

            await Task.Delay(200);
        }
    }
}
