using System.Net;
using Codex.IntegrationTests.Infrastructure;
using Codex.IntegrationTests.Notifications;
using Codex.Modules.Notifications.Domain;
using Codex.Testing;

namespace Codex.IntegrationTests.Recovery;

/// <summary>
/// The database server stops in the middle of sending and comes back: mail sending and the outbox
/// resume by themselves within a minute, without a restart of the host; every mail arrives,
/// duplicates only in the documented window. The test stops its own PostgreSQL server.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class DatabaseOutageRecoveryTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private const int Count = 300;

    /// <summary>Long enough for every connection, claim and lock of the sender to break.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task After_a_database_outage_mid_batch_sending_and_outbox_resume_within_a_minute_and_every_mail_arrives()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        await cluster.MakeCommitsDurableAsync();
        await using var host = await CodexApplicationFactory.ForPostgreSqlAsync(cluster);
        foreach (var (key, value) in Recovery.SendingSettings(host, smtp.Server).Where(s => s.Key.StartsWith("Notifications", StringComparison.Ordinal)))
        {
            host.Settings[key] = value;
        }

        host.Quiet().Settings["Jobs:RunServer"] = "true";
        using var admin = await host.SignInAsync(DemoLogins.Admin);
        var to = await admin.NewRecipientAsync();
        var team = await admin.UnitIdAsync("Wohngruppe Lindenhof");

        smtp.Server.DelayEachMail(TimeSpan.FromMilliseconds(40));
        try
        {
            await host.QueueManyAsync(to.PersonId, Count, "Ausfall");
            await smtp.Server.TimeUntilMoreThanAsync(to.Address, 30, TimeSpan.FromSeconds(90), "Before the outage, the host");

            await cluster.StopForOutageAsync();
            // The outage itself: time passing is what is simulated here, not a wait for a result.
            await Task.Delay(Outage);
            var beforeBack = smtp.Server.Arrived(to.Address).Distinct;
            await cluster.StartAgainAsync();

            var resumed = await smtp.Server.TimeUntilMoreThanAsync(to.Address, beforeBack, Recovery.ResumesWithin, "After the outage, sending");
            Assert.True(resumed < Recovery.ResumesWithin, $"Sending resumed {resumed} after the database was back.");

            // The outbox too: a membership made now reaches the team codex without a restart.
            var person = await Eventually.HoldsAsync(
                async () =>
                {
                    try
                    {
                        return await admin.CreatePersonAsync("Nach", "Ausfall-" + Guid.NewGuid().ToString("N")[..8]);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or Xunit.Sdk.XunitException)
                    {
                        return Guid.Empty; // the first requests may still meet a broken pooled connection
                    }
                },
                id => id != Guid.Empty, TimeSpan.FromSeconds(30), "people can be created again");
            await (await admin.PutAsync($"/api/org/units/{team}/members/{person}", null)).AssertStatusAsync(HttpStatusCode.NoContent);
            await Eventually.HoldsAsync(
                () => admin.ParticipantsAsync(team), p => p.Any(x => x.PersonId == person), Recovery.ResumesWithin,
                "a membership made after the outage reaches the team codex");

            await smtp.Server.AllArriveAsync(to.Address, Count, TimeSpan.FromMinutes(2));
            var (distinct, total) = smtp.Server.Arrived(to.Address);
            Assert.Equal(Count, distinct);
            Assert.True(total - distinct <= Recovery.MaxDuplicates, $"{total - distinct} duplicates (allowed: {Recovery.MaxDuplicates}).");
            await Eventually.HoldsAsync(
                () => host.OutboxOfAsync(to.PersonId), r => r.Count == Count && r.All(m => m.Status == EmailStatus.Sent), TimeSpan.FromSeconds(30),
                "every mail is recorded as sent");
        }
        finally
        {
            smtp.Server.DelayEachMail(TimeSpan.Zero);
        }
    }
}
