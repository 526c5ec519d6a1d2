using Codex.IntegrationTests.Infrastructure;
using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Notifications.Domain;
using Codex.Shared.Persistence;
using Codex.Testing;

namespace Codex.IntegrationTests.Notifications;

/// <summary>Mail queued before the host stopped is delivered by the next host on the same database, once.</summary>
public abstract class MailRestartTests(DatabaseProvider provider, PostgresFixture postgres, SmtpFixture smtp)
{
    [Fact]
    public async Task Mails_queued_before_a_host_stop_are_all_sent_once_by_the_next_host()
    {
        const int count = 5;
        var hostA = await CodexApplicationFactory.ForAsync(provider, provider == DatabaseProvider.PostgreSql ? postgres.Cluster : null);
        hostA.Quiet().SendingTo(smtp.Server);
        hostA.KeepDatabaseOnDispose();
        Recipient to;
        await using (hostA)
        {
            using var admin = await hostA.SignInAsync(DemoLogins.Admin);
            to = await admin.NewRecipientAsync();
            for (var i = 1; i <= count; i++)
            {
                Assert.Equal(SendEmailResult.Queued, await hostA.QueueAsync(MailTesting.Reminder(to.PersonId, $"Neustart {i}")));
            }

            Assert.Equal(count, (await hostA.OutboxOfAsync(to.PersonId)).Count(m => m.Status == EmailStatus.Queued));
        }

        Assert.Empty(smtp.Server.MessagesTo(to.Address));

        await using var hostB = CodexApplicationFactory.ForExisting(hostA);
        await hostB.RunSendJobAsync();
        await hostB.RunSendJobAsync();

        var arrived = await smtp.Server.ArrivedAsync(to.Address, count);
        Assert.Equal(count, arrived.Count);
        Assert.Equal(
            Enumerable.Range(1, count).Select(i => $"Erinnerung: Ihre Rückmeldung zum Teamkodex „Neustart {i}“").Order(StringComparer.Ordinal),
            arrived.Select(m => m.Subject).Order(StringComparer.Ordinal));
        Assert.Equal(count, arrived.Select(m => m.MessageId).Distinct().Count());
        Assert.All(await hostB.OutboxOfAsync(to.PersonId), m => Assert.Equal(EmailStatus.Sent, m.Status));
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class MailRestartTestsOnSqlite(PostgresFixture postgres, SmtpFixture smtp)
    : MailRestartTests(DatabaseProvider.Sqlite, postgres, smtp), IClassFixture<SmtpFixture>;

[Collection(IntegrationCollection.Name)]
public sealed class MailRestartTestsOnPostgreSql(PostgresFixture postgres, SmtpFixture smtp)
    : MailRestartTests(DatabaseProvider.PostgreSql, postgres, smtp), IClassFixture<SmtpFixture>;
