using Codex.IntegrationTests.Home;
using Codex.IntegrationTests.Infrastructure;
using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Retention;
using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Notifications.Domain;
using Codex.Modules.Notifications.Features.Retention;
using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Features.Privacy;
using Codex.Shared.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.IntegrationTests.Privacy;

/// <summary>
/// Retention: each module's nightly job deletes personal data older than its configured period
/// (defaults: mail log 180 days, audit 730, learning evidence 1095) and keeps what is younger or still needed.
/// </summary>
public abstract class RetentionTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    private static readonly DateTimeOffset LongAgo = DateTimeOffset.UtcNow.AddYears(-4);

    [Fact]
    public async Task The_nightly_jobs_delete_old_mail_old_audit_entries_and_old_evidence_and_keep_the_rest()
    {
        var admin = await AdminAsync();
        var hr = await HumanResourcesAsync();
        var email = await Factory.NewAccountAsync(admin, "Rita", "Aufbewahrung");
        var ritaId = await admin.PersonIdAsync(email);
        var (enrolmentId, _, _) = await Factory.EnrolAsync(hr, ritaId, dueInDays: 30);
        var rita = await Factory.SignInAsync(email);
        await rita.CompleteStepsAsync(enrolmentId, 1);

        // Old: a sent mail queued four years ago, an audit entry of then, evidence completed then. New: the same from today.
        var oldMail = Guid.NewGuid();
        var queued = Guid.NewGuid();
        await Factory.WithModuleDbAsync("Notifications", async db =>
        {
            var sent = EmailMessage.Queue(oldMail, ritaId, "test", "{}", $"retention-{oldMail}", EmailCategory.Mandatory, null, LongAgo, LongAgo, "codex.example");
            sent.MarkSent(LongAgo);
            db.Add(sent);
            // Queued long ago for a time still to come: waiting mail is never purged, however old.
            db.Add(EmailMessage.Queue(queued, ritaId, "test", "{}", $"retention-{queued}", EmailCategory.Mandatory, null, DateTimeOffset.UtcNow.AddYears(1), LongAgo, "codex.example"));
            return await db.SaveChangesAsync();
        });
        var oldEntry = Guid.NewGuid();
        var newEntry = Guid.NewGuid();
        await Factory.WithModuleDbAsync("Skills", async db =>
        {
            db.Add(new AuditEntry(oldEntry, LongAgo, null, "system", AuditArea.Privacy, "retention", null, "old"));
            db.Add(new AuditEntry(newEntry, DateTimeOffset.UtcNow, null, "system", AuditArea.Privacy, "retention", null, "new"));
            return await db.SaveChangesAsync();
        });
        var step = await Factory.WithModuleDbAsync("Learning", db => db.Set<StepProgress>().Where(s => s.EnrolmentId == enrolmentId).Select(s => s.Id).SingleAsync());
        await Factory.WithModuleDbAsync("Learning", db => db.Set<StepProgress>().Where(s => s.Id == step)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.CompletedAt, LongAgo)));

        await SendAsync(new PurgeExpiredMailCommand());
        await SendAsync(new PurgeExpiredAuditEntriesCommand());
        await SendAsync(new PurgeExpiredEvidenceCommand());

        Assert.Equal([queued], await Factory.WithModuleDbAsync("Notifications",
            db => db.Set<EmailMessage>().Where(m => m.Id == oldMail || m.Id == queued).Select(m => m.Id).ToListAsync()));
        Assert.Equal([newEntry], await Factory.WithModuleDbAsync("Skills",
            db => db.Set<AuditEntry>().Where(a => a.Id == oldEntry || a.Id == newEntry).Select(a => a.Id).ToListAsync()));
        var progress = await Factory.WithModuleDbAsync("Learning", db => db.Set<StepProgress>().AsNoTracking().SingleAsync(s => s.Id == step));
        Assert.Null(progress.Evidence);
        Assert.Equal(StepProgressState.Completed, progress.State);
    }

    private async Task SendAsync(IRequest<Unit> command)
    {
        using var scope = Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class RetentionTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : RetentionTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class RetentionTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : RetentionTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
