using System.Net;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;
using Codex.Testing;

namespace Codex.IntegrationTests;

/// <summary>The process dies after the commit and before the dispatch: nothing is lost.</summary>
public abstract class RestartTests(DatabaseProvider provider, PostgresFixture postgres)
{
    [Fact]
    public async Task A_membership_committed_before_a_crash_reaches_the_team_codex_after_the_restart()
    {
        // Host A runs no job server: the change is committed with its outbox row, but nothing dispatches it.
        var hostA = await CodexApplicationFactory.ForAsync(provider, provider == DatabaseProvider.PostgreSql ? postgres.Cluster : null);
        hostA.Quiet().Settings["Jobs:RunServer"] = "false";
        hostA.KeepDatabaseOnDispose();
        Guid team, person;
        await using (hostA)
        {
            var admin = await hostA.SignInAsync(DemoLogins.Admin);
            team = await admin.UnitIdAsync("Wohngruppe Lindenhof");
            person = await admin.CreatePersonAsync("Rudi", "Neustart-" + Guid.NewGuid().ToString("N")[..8]);

            await (await admin.PutAsync($"/api/org/units/{team}/members/{person}", null)).AssertStatusAsync(HttpStatusCode.NoContent);

            var messageId = await OutboxRows.MembershipMessageIdAsync(hostA, person);
            Assert.Null(await OutboxRows.ProcessedAtAsync(hostA, messageId));
            Assert.DoesNotContain(await admin.ParticipantsAsync(team), p => p.PersonId == person);
            admin.Dispose();
        }

        // Host B on the same database, with its job server: the recurring dispatch (every second here,
        // every minute by default) is the safety net that finds the pending row.
        await using var hostB = CodexApplicationFactory.ForExisting(hostA);
        hostB.Settings["Jobs:RunServer"] = "true";
        hostB.Settings["Jobs:outbox-dispatch:Cron"] = "* * * * * *";
        using var client = await hostB.SignInAsync(DemoLogins.Admin);

        var participants = await Eventually.HoldsAsync(
            () => client.ParticipantsAsync(team), p => p.Any(x => x.PersonId == person),
            OutboxDeliveryTests.Delivery, "the member added before the crash takes part after the restart");

        Assert.Single(participants, p => p.PersonId == person);
        // The demo memberships written by host A's seed were waiting in the outbox too.
        Assert.Equal(7, participants.Count);
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class RestartTestsOnSqlite(PostgresFixture postgres) : RestartTests(DatabaseProvider.Sqlite, postgres);

[Collection(IntegrationCollection.Name)]
public sealed class RestartTestsOnPostgreSql(PostgresFixture postgres) : RestartTests(DatabaseProvider.PostgreSql, postgres);
