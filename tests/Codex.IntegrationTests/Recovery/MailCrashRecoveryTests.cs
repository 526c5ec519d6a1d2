using Codex.IntegrationTests.Infrastructure;
using Codex.IntegrationTests.Notifications;
using Codex.Modules.Notifications.Domain;
using Codex.Testing;

namespace Codex.IntegrationTests.Recovery;

/// <summary>
/// A host killed in the middle of sending (SIGKILL, as a crash) is replaced by the next one within
/// a minute: no stale lock to wait for, its claimed mails taken over once its short claim has run
/// out. Every mail arrives, duplicates only in the documented window. Several hosts need a shared
/// database server, so on PostgreSQL.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class MailCrashRecoveryTests(PostgresFixture postgres, SmtpFixture smtp) : IClassFixture<SmtpFixture>, IAsyncLifetime
{
    private const int Count = 300;

    private readonly string _workFolder = Path.Combine(Path.GetTempPath(), "codex-crash-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task After_the_sending_host_is_killed_mid_batch_the_next_host_resumes_within_a_minute_and_every_mail_arrives()
    {
        // The database, seeded by a host in this process that sends nothing itself.
        await using var seeder = await CodexApplicationFactory.ForPostgreSqlAsync(postgres.Cluster);
        seeder.Quiet().SendingTo(smtp.Server);
        using var admin = await seeder.SignInAsync(DemoLogins.Admin);
        var to = await admin.NewRecipientAsync();
        var settings = Recovery.SendingSettings(seeder, smtp.Server);

        // A slow mail server, so that the kill lands in the middle of a batch.
        smtp.Server.DelayEachMail(TimeSpan.FromMilliseconds(40));
        try
        {
            var first = await HostProcess.StartAsync(HostProcess.BuildOutput(), _workFolder, settings);
            await seeder.QueueManyAsync(to.PersonId, Count, "Absturz");
            await smtp.Server.TimeUntilMoreThanAsync(to.Address, 30, TimeSpan.FromSeconds(90), "The first host");

            await first.KillAsync();
            await first.DisposeAsync();
            var atCrash = smtp.Server.Arrived(to.Address).Distinct;
            Assert.True(atCrash < Count, "All mails were sent before the crash: the test proves nothing.");

            await using var second = await HostProcess.StartAsync(HostProcess.BuildOutput(), _workFolder, settings);
            var resumed = await smtp.Server.TimeUntilMoreThanAsync(to.Address, atCrash, Recovery.ResumesWithin, "After the crash, the next host");

            await smtp.Server.AllArriveAsync(to.Address, Count, TimeSpan.FromMinutes(2));
            var (distinct, total) = smtp.Server.Arrived(to.Address);
            Assert.Equal(Count, distinct);
            Assert.True(total - distinct <= Recovery.MaxDuplicates, $"{total - distinct} duplicates (allowed: {Recovery.MaxDuplicates}).");
            Assert.True(resumed < Recovery.ResumesWithin, $"Sending resumed after {resumed}.");
            var rows = await Eventually.HoldsAsync(
                () => seeder.OutboxOfAsync(to.PersonId), r => r.All(m => m.Status == EmailStatus.Sent), TimeSpan.FromSeconds(30),
                "every mail is recorded as sent");
            Assert.Equal(Count, rows.Count);
        }
        finally
        {
            smtp.Server.DelayEachMail(TimeSpan.Zero);
        }
    }

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_workFolder);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_workFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleanup.
        }

        return Task.CompletedTask;
    }
}
