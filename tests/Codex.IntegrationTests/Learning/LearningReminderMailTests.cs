using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Codex.IntegrationTests.Infrastructure;
using Codex.IntegrationTests.Notifications;
using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Reminders;
using Codex.Modules.Learning.Persistence;
using Codex.Modules.Notifications.Domain;
using Codex.Shared.Outbox;
using Codex.Shared.Persistence;
using Codex.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.IntegrationTests.Learning;

/// <summary>
/// The daily learning reminder over real SMTP: one mail per person and run, listing every due and
/// overdue step; a reminder about an enrolment that ended before it went out is cancelled, never sent.
/// The job server is off: each test dispatches the outbox and runs the jobs itself.
/// </summary>
public abstract class LearningReminderMailTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : HostTest(provider, postgres, host)
{
    private SmtpTestServer Smtp => smtp.Server;

    protected override void ConfigureHost(CodexApplicationFactory factory) => factory.SendingTo(smtp.Server);

    [Fact]
    public async Task A_person_with_three_due_steps_gets_one_mail_listing_all_three_and_a_second_run_sends_nothing()
    {
        var (to, roleId) = await LearnerWithRoleAsync();
        var hr = await HumanResourcesAsync();
        var paths = new Dictionary<Guid, string>();
        for (var i = 0; i < 3; i++)
        {
            var (pathId, title) = await NewPathAsync(hr);
            await AssignPathAsync(hr, pathId, roleId, days: 3 + i);
            paths[pathId] = title;
        }

        await RunRemindersAsync();
        await RunRemindersAsync();
        await Factory.RunSendJobAsync();

        var mail = Assert.Single(await Smtp.ArrivedAsync(to.Address));
        Assert.Equal("Ihre offenen Lernschritte (3)", mail.Subject);
        foreach (var enrolment in await EnrolmentsOfAsync(to.PersonId))
        {
            var path = paths[enrolment.PathId];
            var dueOn = Enrolment.DueDateOf(enrolment.DueOn).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
            Assert.Equal(1, CountOf($"- „Merkblatt lesen“ im Lernpfad „{path}“: fällig am {dueOn}", mail.TextBody));
            Assert.Contains($"/learning/enrolments/{enrolment.Id}", mail.HtmlBody, StringComparison.Ordinal);
        }

        Assert.Equal(3, CountOf(": fällig am ", mail.TextBody));
        Assert.Contains("Zu meinem Lernen: https://codex.sozialwerk-rheinaue.example/learning", mail.TextBody, StringComparison.Ordinal);
        Assert.Single(await LearningMailsAsync(to.PersonId));

        // Later one of them is overdue: again one mail, listing all three, the overdue one first.
        var first = (await EnrolmentsOfAsync(to.PersonId)).OrderBy(e => e.DueOn).First();
        await Factory.WithModuleDbAsync("Learning", db => db.Set<Enrolment>().Where(e => e.Id == first.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.DueOn, DateTimeOffset.UtcNow.AddDays(-2))));
        await RunRemindersAsync();
        await RunRemindersAsync();
        await Factory.RunSendJobAsync();

        var both = await Smtp.ArrivedAsync(to.Address, 2);
        Assert.Equal(2, both.Count);
        var overdue = both.Single(m => m.MessageId != mail.MessageId);
        Assert.Equal("Ihre offenen Lernschritte (3)", overdue.Subject);
        Assert.Equal(1, CountOf(": überfällig, war am ", overdue.TextBody));
        Assert.Equal(2, CountOf(": fällig am ", overdue.TextBody));
        var text = overdue.TextBody ?? "";
        Assert.True(text.IndexOf(": überfällig", StringComparison.Ordinal) < text.IndexOf(": fällig am ", StringComparison.Ordinal), "the overdue step comes first");
        Assert.Equal(2, (await LearningMailsAsync(to.PersonId)).Count);
    }

    [Fact]
    public async Task A_reminder_about_an_enrolment_that_ended_before_it_went_out_is_cancelled_and_never_sent()
    {
        var (to, roleId) = await LearnerWithRoleAsync();
        var hr = await HumanResourcesAsync();
        var (pathId, _) = await NewPathAsync(hr);
        await AssignPathAsync(hr, pathId, roleId, days: 3);
        await RunRemindersAsync();
        var queued = Assert.Single(await LearningMailsAsync(to.PersonId));
        Assert.Equal(EmailStatus.Queued, queued.Status);

        // The learner finishes the path before the send job ran (quiet hours, a digest, a busy queue).
        var enrolment = Assert.Single(await EnrolmentsOfAsync(to.PersonId));
        await CompleteNextStepAsync(enrolment.Id);
        await CompleteNextStepAsync(enrolment.Id);
        await Eventually.HoldsAsync(
            async () =>
            {
                await Factory.SendAsync(new DispatchOutboxCommand());
                return (await LearningMailsAsync(to.PersonId)).Single().Status;
            },
            s => s == EmailStatus.Cancelled, MailTesting.Arrival, "the queued reminder is cancelled");
        await Factory.RunSendJobAsync();

        var cancelled = (await LearningMailsAsync(to.PersonId)).Single();
        Assert.Equal(EmailStatus.Cancelled, cancelled.Status);
        Assert.Contains("ended", cancelled.LastError, StringComparison.Ordinal);
        Assert.Empty(Smtp.MessagesTo(to.Address));

        // The admin mail page shows it as cancelled, with the reason.
        var admin = await AdminAsync();
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/mail?status=Cancelled"));
        Assert.Contains("abgebrochen", page, StringComparison.Ordinal);
        Assert.Contains(cancelled.LastError!, page, StringComparison.Ordinal);
    }

    // --- helpers -------------------------------------------------------------------------------

    private static int CountOf(string part, string? text) =>
        text is null ? 0 : (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private async Task<(Recipient To, Guid RoleId)> LearnerWithRoleAsync()
    {
        var admin = await AdminAsync();
        var hr = await HumanResourcesAsync();
        var to = await admin.NewRecipientAsync("Lena");
        var name = $"Testrolle {Guid.NewGuid():N}"[..22];
        var created = await hr.PostAsJsonAsync("/api/skills/roles", new { name, description = "für Tests" });
        await created.AssertStatusAsync(HttpStatusCode.Created);
        var roleId = (await created.Content.ReadFromJsonAsync<IdDto>(CodexApi.Json))!.Id;
        await (await hr.PutAsync($"/api/skills/people/{to.PersonId}/roles/{roleId}", null)).AssertStatusAsync(HttpStatusCode.NoContent);
        await Eventually.HoldsAsync(
            async () =>
            {
                await Factory.SendAsync(new DispatchOutboxCommand());
                return await Factory.WithModuleDbAsync("Learning", db => db.Set<RoleHolder>().CountAsync(h => h.RoleId == roleId));
            },
            c => c == 1, MailTesting.Arrival, "Learning knows the holder of the role");
        return (to, roleId);
    }

    /// <summary>A path of two steps in order: only the first ("Merkblatt lesen") is open.</summary>
    private static async Task<(Guid Id, string Title)> NewPathAsync(HttpClient hr)
    {
        var title = $"Testpfad {Guid.NewGuid():N}"[..20];
        var created = await hr.PostAsJsonAsync("/api/learning/paths", new { title, description = "Test" });
        await created.AssertStatusAsync(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<IdDto>(CodexApi.Json))!.Id;
        var version = (await hr.GetOkAsync<VersionDto>($"/api/learning/paths/{id}")).Version;
        await (await hr.PostAsJsonAsync($"/api/learning/paths/{id}/steps", new { title = "Merkblatt lesen", kind = "Reading", effortMinutes = 15, version }))
            .AssertStatusAsync(HttpStatusCode.OK);
        await (await hr.PostAsJsonAsync($"/api/learning/paths/{id}/steps", new { title = "Praxisaufgabe", kind = "PracticeTask", effortMinutes = 30, version = version + 1 }))
            .AssertStatusAsync(HttpStatusCode.OK);
        return (id, title);
    }

    private static async Task AssignPathAsync(HttpClient hr, Guid pathId, Guid roleId, int days) =>
        await (await hr.PostAsJsonAsync($"/api/learning/paths/{pathId}/assignments", new { roleId, dueOffsetDays = days })).AssertStatusAsync(HttpStatusCode.OK);

    private Task RunRemindersAsync() => Factory.SendAsync(new SendLearningRemindersCommand());

    private Task<List<Enrolment>> EnrolmentsOfAsync(Guid personId) =>
        Factory.WithModuleDbAsync("Learning", db => db.Set<Enrolment>().AsNoTracking().Where(e => e.PersonId == personId).ToListAsync());

    private Task<List<EmailMessage>> LearningMailsAsync(Guid personId) =>
        Factory.WithModuleDbAsync("Notifications", db => db.Set<EmailMessage>().AsNoTracking()
            .Where(m => m.RecipientPersonId == personId && m.TemplateKey.StartsWith("learning.")).ToListAsync());

    /// <summary>Completes the learner's next open step as the learner would (people created in tests have no login).</summary>
    private async Task CompleteNextStepAsync(Guid enrolmentId)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        var enrolment = await db.Enrolments.Include(e => e.Steps).SingleAsync(e => e.Id == enrolmentId);
        var path = await db.Paths.Include(p => p.Steps).SingleAsync(p => p.Id == enrolment.PathId);
        var rules = path.OrderedSteps.Select(s => new StepRule(s.Id, s.Position, s.RequiresSignOff, s.TargetToolId, s.TargetLevel)).ToList();
        enrolment.Complete(enrolment.OpenSteps(rules, path.AnyOrder)[0], rules, path.AnyOrder, null, enrolment.PersonId, false, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    }

    private sealed record IdDto(Guid Id);

    private sealed record VersionDto(Guid Id, int Version);
}

[Collection(IntegrationCollection.Name)]
public sealed class LearningReminderMailTestsOnSqlite(PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : LearningReminderMailTests(DatabaseProvider.Sqlite, postgres, host, smtp), IClassFixture<SharedHost>, IClassFixture<SmtpFixture>;

[Collection(IntegrationCollection.Name)]
public sealed class LearningReminderMailTestsOnPostgreSql(PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : LearningReminderMailTests(DatabaseProvider.PostgreSql, postgres, host, smtp), IClassFixture<SharedHost>, IClassFixture<SmtpFixture>;
