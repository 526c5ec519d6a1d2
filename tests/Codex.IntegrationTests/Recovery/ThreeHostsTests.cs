using System.Diagnostics;
using System.Net;
using Codex.IntegrationTests.Infrastructure;
using Codex.IntegrationTests.Notifications;
using Codex.Testing;

namespace Codex.IntegrationTests.Recovery;

/// <summary>
/// Three hosts on one database, every recurring job forced to run every second on all of them:
/// each effect happens once, and no kind of work waits for another.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class ThreeHostsTests(PostgresFixture postgres, SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private const int Count = 100;

    private static readonly string[] RecurringJobs =
    [
        "outbox-dispatch", "email-send", "email-digest", "codex-close-expired-rounds", "codex-open-due-rounds",
        "codex-reminders", "skills-rebuild-coverage", "learning-reminders",
    ];

    [Fact]
    public async Task With_every_job_each_second_on_three_hosts_each_mail_arrives_once_and_events_are_not_held_up()
    {
        await using var first = await CodexApplicationFactory.ForPostgreSqlAsync(postgres.Cluster);
        first.Quiet().SendingTo(smtp.Server).Settings["Jobs:RunServer"] = "true";
        foreach (var job in RecurringJobs)
        {
            first.Settings[$"Jobs:{job}:Cron"] = "* * * * * *";
        }

        using var admin = await first.SignInAsync(DemoLogins.Admin);
        await using var second = CodexApplicationFactory.ForExisting(first);
        await using var third = CodexApplicationFactory.ForExisting(first);
        using var adminOnSecond = await second.SignInAsync(DemoLogins.Admin);
        using var adminOnThird = await third.SignInAsync(DemoLogins.Admin);
        var to = await admin.NewRecipientAsync();
        var before = smtp.Server.Messages().Count;

        await first.QueueManyAsync(to.PersonId, Count, "Drei Hosts");

        // While mail is being sent everywhere, a membership change still reaches the team codex quickly.
        var team = await adminOnSecond.UnitIdAsync("Wohngruppe Lindenhof");
        var person = await adminOnSecond.CreatePersonAsync("Drei", "Hosts-" + Guid.NewGuid().ToString("N")[..8]);
        var watch = Stopwatch.StartNew();
        await (await adminOnSecond.PutAsync($"/api/org/units/{team}/members/{person}", null)).AssertStatusAsync(HttpStatusCode.NoContent);
        await Eventually.HoldsAsync(
            () => adminOnThird.ParticipantsAsync(team), p => p.Any(x => x.PersonId == person), TimeSpan.FromSeconds(15),
            "the membership reaches the team codex while three hosts send mail");
        var delivered = watch.Elapsed;

        await smtp.Server.AllArriveAsync(to.Address, Count, TimeSpan.FromMinutes(2));
        // A few more seconds of every job every second on every host.
        await Task.Delay(TimeSpan.FromSeconds(5));

        var (distinct, total) = smtp.Server.Arrived(to.Address);
        Assert.Equal(Count, distinct);
        Assert.Equal(Count, total);
        // Whatever else the recurring jobs sent (reminders, digests): each mail once.
        var others = smtp.Server.Messages().Skip(before).ToList();
        Assert.Equal(others.Count, others.Select(m => m.MessageId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(others.Count, others.Select(m => (m.To.ToString(), m.Subject)).Distinct().Count());
        Assert.True(delivered < TimeSpan.FromSeconds(15), $"The membership took {delivered}.");
    }
}
