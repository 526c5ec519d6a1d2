using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Codex.IntegrationTests.Infrastructure;
using Codex.Modules.Learning.Contracts;
using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Reminders;
using Codex.Modules.Learning.Persistence;
using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Notifications.Domain;
using Codex.Modules.Skills.Contracts;
using Codex.Shared.Outbox;
using Codex.Shared.Persistence;
using Codex.Testing;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.IntegrationTests.Learning;

/// <summary>
/// The Learning module through its API and the real outbox: HR assigns paths to roles, Skills'
/// RoleAssigned enrols, learners complete, leads sign off, LearningStepCompleted raises the level in Skills.
/// </summary>
public abstract class LearningApiTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_demo_has_three_paths_assigned_to_roles_and_the_member_is_enrolled_with_progress()
    {
        var hr = await HumanResourcesAsync();
        var paths = await hr.GetOkAsync<Page<PathItem>>("/api/learning/paths");
        Assert.Contains(paths.Items, p => p.Title == "Digitale Pflegedokumentation – Grundlagen" && p.Roles.Contains("Pflegefachkraft"));
        Assert.Contains(paths.Items, p => p.Title == "Messenger datenschutzkonform nutzen" && p.RecurrenceMonths == 24);
        Assert.Contains(paths.Items, p => p.Title == "Videoberatung mit Klient:innen");

        var mine = await (await MemberAsync()).GetOkAsync<List<Card>>("/api/learning/me");
        Assert.Contains(mine, c => c.PathTitle == "Messenger datenschutzkonform nutzen");
        Assert.All(mine, c => Assert.InRange(c.Percent, 0, 100));
    }

    [Fact]
    public async Task Assigning_a_path_to_a_role_enrols_every_holder_once_even_when_assigned_again()
    {
        var hr = await HumanResourcesAsync();
        var (roleId, _) = await NewRoleAsync(hr);
        var people = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var person = await hr.CreatePersonAsync("Lerna", $"Rolle{i}");
            await AssignRoleAsync(hr, person, roleId);
            people.Add(person);
        }

        await WaitForHoldersAsync(roleId, 3);
        var pathId = await NewPathAsync(hr, targetToolId: null);

        Assert.Equal(3, await AssignPathAsync(hr, pathId, roleId, 30));
        Assert.Equal(0, await AssignPathAsync(hr, pathId, roleId, 45));

        var enrolments = await EnrolmentsAsync(pathId);
        Assert.Equal(people.Order(), enrolments.Select(e => e.PersonId).Order());
        Assert.All(enrolments, e => Assert.Equal((1, EnrolmentState.Active), (e.Cycle, e.State)));
    }

    [Fact]
    public async Task The_daily_job_enrols_a_holder_whom_a_simultaneous_path_assignment_missed()
    {
        var hr = await HumanResourcesAsync();
        var (roleId, _) = await NewRoleAsync(hr);
        var pathId = await NewPathAsync(hr, targetToolId: null);
        Assert.Equal(0, await AssignPathAsync(hr, pathId, roleId, 30));

        // What the race leaves behind: Learning knows the holder, but neither side enrolled them.
        var person = Guid.NewGuid();
        await Factory.WithModuleDbAsync("Learning", async db =>
        {
            db.Set<RoleHolder>().Add(new RoleHolder(roleId, person));
            return await db.SaveChangesAsync();
        });
        Assert.Empty(await EnrolmentsAsync(pathId));

        await SendAsync(new SendLearningRemindersCommand());
        await SendAsync(new SendLearningRemindersCommand());

        var enrolment = Assert.Single(await EnrolmentsAsync(pathId));
        Assert.Equal((person, 1, EnrolmentState.Active), (enrolment.PersonId, enrolment.Cycle, enrolment.State));
    }

    [Fact]
    public async Task Assigning_the_same_path_to_the_same_role_five_times_at_once_enrols_each_holder_once_and_never_fails()
    {
        var hr = await HumanResourcesAsync();
        var (roleId, _) = await NewRoleAsync(hr);
        var person = await hr.CreatePersonAsync("Doppel", "Klick");
        await AssignRoleAsync(hr, person, roleId);
        await WaitForHoldersAsync(roleId, 1);
        var pathId = await NewPathAsync(hr, targetToolId: null);

        var responses = await SimultaneouslyAsync(5, () => hr.PostAsJsonAsync($"/api/learning/paths/{pathId}/assignments", new { roleId, dueOffsetDays = 30 }));

        // A double submission either succeeds or is refused as a conflict, never a 500.
        AssertNoFailures(responses, HttpStatusCode.OK, HttpStatusCode.Conflict);
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(1, await Factory.WithModuleDbAsync("Learning", db => db.Set<PathAssignment>().CountAsync(a => a.PathId == pathId && a.RoleId == roleId)));
        Assert.Equal([person], (await EnrolmentsAsync(pathId)).Select(e => e.PersonId));
    }

    [Fact]
    public async Task Assigning_a_path_to_two_roles_of_the_same_person_at_once_enrols_the_person_once_and_never_fails()
    {
        var hr = await HumanResourcesAsync();
        var (first, _) = await NewRoleAsync(hr);
        var (second, _) = await NewRoleAsync(hr);
        var person = await hr.CreatePersonAsync("Zwei", "Rollen");
        await AssignRoleAsync(hr, person, first);
        await AssignRoleAsync(hr, person, second);
        await WaitForHoldersAsync(first, 1);
        await WaitForHoldersAsync(second, 1);
        var pathId = await NewPathAsync(hr, targetToolId: null);
        var roles = new[] { first, second };

        var responses = await SimultaneouslyAsync(2, i => hr.PostAsJsonAsync($"/api/learning/paths/{pathId}/assignments", new { roleId = roles[i], dueOffsetDays = 30 }));

        AssertNoFailures(responses, HttpStatusCode.OK, HttpStatusCode.Conflict);
        var enrolments = await EnrolmentsAsync(pathId);
        Assert.Equal([(person, 1)], enrolments.Select(e => (e.PersonId, e.Cycle)));
    }

    [Fact]
    public async Task A_second_enrolment_in_the_same_path_and_cycle_is_recognised_as_a_unique_key_violation_and_other_constraint_failures_are_not()
    {
        var pathId = await NewPathAsync(await HumanResourcesAsync(), targetToolId: null);
        var person = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        Task<int> EnrolAsync(int cycle) => Factory.WithModuleDbAsync("Learning", db =>
        {
            db.Add(Enrolment.Start(person, pathId, cycle, now, now.AddDays(30)));
            return db.SaveChangesAsync();
        });
        await EnrolAsync(1);

        var duplicate = await Assert.ThrowsAsync<DbUpdateException>(() => EnrolAsync(1));
        Assert.True(UniqueKeyViolation.IsCausedBy(duplicate), duplicate.InnerException?.Message);

        // A NOT NULL violation is a constraint failure too (SQLite code 19 as well), but not a unique key.
        var notNull = await Assert.ThrowsAnyAsync<DbException>(() => Factory.WithModuleDbAsync("Learning", db =>
        {
            var table = db.Model.FindEntityType(typeof(Enrolment))!;
            var name = table.GetSchema() is { } schema ? $"\"{schema}\".\"{table.GetTableName()}\"" : $"\"{table.GetTableName()}\"";
            var sql = "UPDATE " + name + " SET \"State\" = NULL"; // names from the model, no input
            return db.Database.ExecuteSqlRawAsync(sql);
        }));
        Assert.False(UniqueKeyViolation.IsCausedBy(notNull), notNull.Message);
        Assert.Equal(1, await EnrolAsync(2));
    }

    [Fact]
    public async Task Skills_to_Learning_to_Skills_a_new_role_enrols_the_member_who_completes_the_lead_signs_off_and_the_gap_closes()
    {
        var hr = await HumanResourcesAsync();
        var member = await MemberAsync();
        var lead = await TeamLeadAsync();
        var mehmet = await hr.PersonIdAsync("mehmet.yilmaz");
        var messenger = await ToolIdAsync("Dienst-Messenger");
        var gapsBefore = await member.GetOkAsync<List<ProficiencyGap>>($"/api/skills/people/{mehmet}/gaps");
        Assert.Contains(gapsBefore, g => g.ToolId == messenger);

        var (roleId, _) = await NewRoleAsync(hr);
        var pathId = await NewPathAsync(hr, targetToolId: messenger);
        await AssignPathAsync(hr, pathId, roleId, 30);
        await AssignRoleAsync(hr, mehmet, roleId);

        // RoleAssigned travels through Skills' outbox to Learning's listener.
        var card = (await Eventually.HoldsAsync(
            () => member.GetOkAsync<List<Card>>("/api/learning/me"), c => c.Any(x => x.PathId == pathId), Delivery, "Mehmet is enrolled")).Single(c => c.PathId == pathId);
        Assert.Equal(("NotStarted", 0, 2), (card.Status, card.Percent, card.Total));

        var enrolment = await member.GetOkAsync<EnrolmentDto>($"/api/learning/enrolments/{card.EnrolmentId}");
        var (reading, practice) = (enrolment.Steps[0].Step.Id, enrolment.Steps[1].Step.Id);
        await (await member.PostAsJsonAsync($"/api/learning/enrolments/{card.EnrolmentId}/steps/{reading}/complete", new { version = enrolment.Version, evidence = "Gelesen am Dienstbeginn" }))
            .AssertStatusAsync(HttpStatusCode.NoContent);
        enrolment = await member.GetOkAsync<EnrolmentDto>($"/api/learning/enrolments/{card.EnrolmentId}");
        await (await member.PostAsJsonAsync($"/api/learning/enrolments/{card.EnrolmentId}/steps/{practice}/complete", new { version = enrolment.Version, evidence = "https://intranet.example/nachweis" }))
            .AssertStatusAsync(HttpStatusCode.NoContent);
        enrolment = await member.GetOkAsync<EnrolmentDto>($"/api/learning/enrolments/{card.EnrolmentId}");
        Assert.Equal(("AwaitingSignOff", 50), (enrolment.Steps[1].State, enrolment.Percent));

        // The learner cannot sign off their own step; their lead can.
        await (await member.PostAsJsonAsync($"/api/learning/enrolments/{card.EnrolmentId}/steps/{practice}/sign-off", new { version = enrolment.Version }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        var queue = await Eventually.HoldsAsync(
            () => lead.GetOkAsync<List<SignOffDto>>("/api/learning/sign-offs"), q => q.Any(i => i.EnrolmentId == card.EnrolmentId), Delivery, "the step waits in the lead's queue");
        var item = queue.Single(i => i.EnrolmentId == card.EnrolmentId);
        await (await lead.PostAsJsonAsync($"/api/learning/enrolments/{card.EnrolmentId}/steps/{practice}/sign-off", new { version = item.Version }))
            .AssertStatusAsync(HttpStatusCode.NoContent);

        enrolment = await member.GetOkAsync<EnrolmentDto>($"/api/learning/enrolments/{card.EnrolmentId}");
        Assert.Equal(("Completed", 100), (enrolment.Status, enrolment.Percent));
        // LearningStepCompleted travels through Learning's outbox to Skills: the gap closes.
        await Eventually.HoldsAsync(
            () => member.GetOkAsync<List<ProficiencyGap>>($"/api/skills/people/{mehmet}/gaps"), g => g.All(x => x.ToolId != messenger), Delivery, "the messenger gap closed");

        // Redelivering the event changes nothing (the inbox remembers it).
        var messageId = await Factory.WithModuleDbAsync("Learning", db => db.OutboxMessages.Where(m => m.Payload.Contains(practice.ToString())).Select(m => m.Id).SingleAsync());
        await Factory.WithModuleDbAsync("Learning", db => db.OutboxMessages.Where(m => m.Id == messageId).ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAt, (DateTimeOffset?)null)));
        await DispatchAsync();
        Assert.NotNull(await Factory.WithModuleDbAsync("Learning", db => db.OutboxMessages.Where(m => m.Id == messageId).Select(m => m.ProcessedAt).SingleAsync()));
        Assert.Equal(1, await Factory.WithModuleDbAsync("Skills", db => db.InboxMessages.CountAsync(m => m.MessageId == messageId)));
    }

    [Fact]
    public async Task Losing_the_role_archives_the_enrolment_with_its_progress_and_getting_it_back_restores_it()
    {
        var hr = await HumanResourcesAsync();
        var (roleId, _) = await NewRoleAsync(hr);
        var person = await hr.CreatePersonAsync("Rita", "Wechsel");
        await AssignRoleAsync(hr, person, roleId);
        await WaitForHoldersAsync(roleId, 1);
        var pathId = await NewPathAsync(hr, targetToolId: null);
        await AssignPathAsync(hr, pathId, roleId, 30);
        var enrolmentId = (await EnrolmentsAsync(pathId)).Single().Id;
        await CompleteNextStepAsync(enrolmentId);

        await (await hr.DeleteAsync($"/api/skills/people/{person}/roles/{roleId}")).AssertStatusAsync(HttpStatusCode.NoContent);
        var archived = await Eventually.HoldsAsync(() => EnrolmentsAsync(pathId), e => e.Single().State == EnrolmentState.Archived, Delivery, "the enrolment is archived");
        Assert.Equal(1, archived.Single().Steps);

        await AssignRoleAsync(hr, person, roleId);
        var back = await Eventually.HoldsAsync(() => EnrolmentsAsync(pathId), e => e.Single().State == EnrolmentState.Active, Delivery, "the enrolment is back");
        Assert.Equal((enrolmentId, 1), (back.Single().Id, back.Single().Steps));
    }

    [Fact]
    public async Task Redelivering_RoleAssigned_enrols_nobody_twice()
    {
        var hr = await HumanResourcesAsync();
        var (roleId, _) = await NewRoleAsync(hr);
        var pathId = await NewPathAsync(hr, targetToolId: null);
        await AssignPathAsync(hr, pathId, roleId, 30);
        var person = await hr.CreatePersonAsync("Doppelt", "Zugestellt");
        var assigned = new RoleAssignedIntegrationEvent(Guid.NewGuid(), DateTimeOffset.UtcNow, person, roleId, "Test");

        await PublishAsync(assigned);
        await PublishAsync(assigned);
        await PublishAsync(assigned with { EventId = Guid.NewGuid() }); // another event for the same fact

        Assert.Single(await EnrolmentsAsync(pathId));
        Assert.Equal(1, await Factory.WithModuleDbAsync("Learning", db => db.InboxMessages.CountAsync(m => m.MessageId == assigned.EventId)));
    }

    [Fact]
    public async Task Only_the_learner_or_their_lead_sees_and_completes_an_enrolment_and_members_cannot_manage_paths()
    {
        var hr = await HumanResourcesAsync();
        var member = await MemberAsync();
        var (roleId, _) = await NewRoleAsync(hr);
        var stranger = await hr.CreatePersonAsync("Fremde", "Person");
        await AssignRoleAsync(hr, stranger, roleId);
        await WaitForHoldersAsync(roleId, 1);
        var pathId = await NewPathAsync(hr, targetToolId: null);
        await AssignPathAsync(hr, pathId, roleId, 30);
        var enrolment = (await EnrolmentsAsync(pathId)).Single();
        var step = (await hr.GetOkAsync<PathDto>($"/api/learning/paths/{pathId}")).Steps[0].Id;

        await (await member.GetAsync($"/api/learning/enrolments/{enrolment.Id}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await member.PostAsJsonAsync($"/api/learning/enrolments/{enrolment.Id}/steps/{step}/complete", new { version = 1 })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await member.PostAsJsonAsync("/api/learning/paths", new { title = "Heimlich" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await member.GetAsync("/api/learning/dashboard")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await Factory.CreateAnonymousClient().GetAsync("/api/learning/me")).AssertStatusAsync(HttpStatusCode.Unauthorized);
        Assert.Empty((await EnrolmentsAsync(pathId)).Single().StepIds);
    }

    [Fact]
    public async Task Bad_input_is_a_400_and_an_outdated_version_a_409()
    {
        var hr = await HumanResourcesAsync();
        Assert.Equal(["title"], await (await hr.PostAsJsonAsync("/api/learning/paths", new { title = "" })).AssertValidationProblemAsync());
        Assert.Contains("recurrenceMonths", await (await hr.PostAsJsonAsync("/api/learning/paths", new { title = "X", recurrenceMonths = 0 })).AssertValidationProblemAsync());
        var pathId = await NewPathAsync(hr, targetToolId: null);
        var path = await hr.GetOkAsync<PathDto>($"/api/learning/paths/{pathId}");
        Assert.Contains("effortMinutes", await (await hr.PostAsJsonAsync($"/api/learning/paths/{pathId}/steps", new { title = "Ohne Aufwand", kind = "Reading", effortMinutes = 0, version = path.Version })).AssertValidationProblemAsync());
        Assert.Contains("place", await (await hr.PostAsJsonAsync($"/api/learning/paths/{pathId}/steps", new { title = "Workshop", kind = "Workshop", effortMinutes = 60, version = path.Version })).AssertValidationProblemAsync());
        Assert.Contains("targetLevel", await (await hr.PostAsJsonAsync($"/api/learning/paths/{pathId}/steps", new { title = "Ziel", kind = "Reading", effortMinutes = 10, targetToolId = Guid.NewGuid(), version = path.Version })).AssertValidationProblemAsync());
        await (await hr.PostAsJsonAsync($"/api/learning/paths/{pathId}/steps", new { title = "Unbekanntes Werkzeug", kind = "Reading", effortMinutes = 10, targetToolId = Guid.NewGuid(), targetLevel = 2, version = path.Version }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("dueOffsetDays", await (await hr.PostAsJsonAsync($"/api/learning/paths/{pathId}/assignments", new { roleId = Guid.NewGuid(), dueOffsetDays = 0 })).AssertValidationProblemAsync());
        await (await hr.PostAsJsonAsync($"/api/learning/paths/{pathId}/assignments", new { roleId = Guid.NewGuid(), dueOffsetDays = 10 })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await hr.GetAsync($"/api/learning/paths/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);

        await (await hr.PutAsJsonAsync($"/api/learning/paths/{pathId}", new { title = "Neu", version = path.Version })).AssertStatusAsync(HttpStatusCode.NoContent);
        await (await hr.PutAsJsonAsync($"/api/learning/paths/{pathId}", new { title = "Überschrieben", version = path.Version })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Neu", (await hr.GetOkAsync<PathDto>($"/api/learning/paths/{pathId}")).Title);
    }

    [Fact]
    public async Task Steps_are_reordered_with_up_and_down()
    {
        var hr = await HumanResourcesAsync();
        var pathId = await NewPathAsync(hr, targetToolId: null);
        var path = await hr.GetOkAsync<PathDto>($"/api/learning/paths/{pathId}");
        var second = path.Steps[1].Id;

        await (await hr.PostAsJsonAsync($"/api/learning/paths/{pathId}/steps/{second}/move", new { direction = -1, version = path.Version })).AssertStatusAsync(HttpStatusCode.NoContent);

        var moved = await hr.GetOkAsync<PathDto>($"/api/learning/paths/{pathId}");
        Assert.Equal([second, path.Steps[0].Id], moved.Steps.Select(s => s.Id));
        Assert.Equal([1, 2], moved.Steps.Select(s => s.Position));
    }

    [Fact]
    public async Task The_daily_job_reminds_once_when_due_and_once_when_overdue_even_when_it_runs_twice()
    {
        var hr = await HumanResourcesAsync();
        var (roleId, _) = await NewRoleAsync(hr);
        var person = await hr.CreatePersonAsync("Erin", "Nerung");
        await AssignRoleAsync(hr, person, roleId);
        await WaitForHoldersAsync(roleId, 1);
        var pathId = await NewPathAsync(hr, targetToolId: null);
        await AssignPathAsync(hr, pathId, roleId, 3);

        await SendAsync(new SendLearningRemindersCommand());
        await SendAsync(new SendLearningRemindersCommand());
        var mails = await MailsAsync(person);
        Assert.Equal(["learning.reminder"], mails.Select(m => m.TemplateKey));
        Assert.Equal(EmailCategory.Optional, mails[0].Category);

        var enrolmentId = (await EnrolmentsAsync(pathId)).Single().Id;
        await Factory.WithModuleDbAsync("Learning", db => db.Set<Enrolment>().Where(e => e.Id == enrolmentId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.DueOn, DateTimeOffset.UtcNow.AddDays(-2))));
        await SendAsync(new SendLearningRemindersCommand());
        await SendAsync(new SendLearningRemindersCommand());

        mails = [.. (await MailsAsync(person)).OrderBy(m => m.CreatedAt)];
        Assert.Equal(["learning.reminder", "learning.reminder"], mails.Select(m => m.TemplateKey));
        Assert.Equal(EmailCategory.Mandatory, mails[1].Category); // an overdue step cannot be switched off
        Assert.Contains($"/learning/enrolments/{enrolmentId}", mails[1].DataJson, StringComparison.Ordinal);
        // Escalation to the lead is off by default: nobody else got a learning mail about it.
        Assert.Equal(0, await Factory.WithModuleDbAsync("Notifications", db => db.Set<EmailMessage>()
            .CountAsync(m => m.TemplateKey == "learning.overdue-escalation" && m.DataJson.Contains(enrolmentId.ToString()))));
    }

    [Fact]
    public async Task A_recurring_path_enrols_the_person_again_ahead_of_expiry_once()
    {
        var hr = await HumanResourcesAsync();
        var (roleId, _) = await NewRoleAsync(hr);
        var person = await hr.CreatePersonAsync("Wieder", "Holung");
        await AssignRoleAsync(hr, person, roleId);
        await WaitForHoldersAsync(roleId, 1);
        var pathId = await NewPathAsync(hr, targetToolId: null, recurrenceMonths: 24);
        await AssignPathAsync(hr, pathId, roleId, 30);
        var enrolmentId = (await EnrolmentsAsync(pathId)).Single().Id;
        await CompleteNextStepAsync(enrolmentId);
        await CompleteNextStepAsync(enrolmentId);
        var completed = (await EnrolmentsAsync(pathId)).Single();
        Assert.Equal(EnrolmentState.Completed, completed.State);
        Assert.Equal(completed.CompletedAt!.Value.AddMonths(24), completed.ExpiresAt);

        await SendAsync(new SendLearningRemindersCommand());
        Assert.Single(await EnrolmentsAsync(pathId)); // two years ahead: not yet

        var expiry = DateTimeOffset.UtcNow.AddDays(20);
        await Factory.WithModuleDbAsync("Learning", db => db.Set<Enrolment>().Where(e => e.Id == enrolmentId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ExpiresAt, expiry)));
        await SendAsync(new SendLearningRemindersCommand());
        await SendAsync(new SendLearningRemindersCommand());

        var cycles = (await EnrolmentsAsync(pathId)).OrderBy(e => e.Cycle).ToList();
        Assert.Equal([1, 2], cycles.Select(e => e.Cycle));
        Assert.Equal(EnrolmentState.Active, cycles[1].State);
        Assert.Equal(expiry.ToUnixTimeSeconds(), cycles[1].DueOn.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task The_dashboard_shows_aggregates_and_suppresses_groups_below_the_minimum_size()
    {
        var hr = await HumanResourcesAsync();
        var (roleId, roleName) = await NewRoleAsync(hr);
        var person = await hr.CreatePersonAsync("Einzel", "Fall");
        await AssignRoleAsync(hr, person, roleId);
        await WaitForHoldersAsync(roleId, 1);
        var pathId = await NewPathAsync(hr, targetToolId: null);
        await AssignPathAsync(hr, pathId, roleId, 30);

        var dashboard = await hr.GetOkAsync<DashboardDto>("/api/learning/dashboard");

        Assert.True(dashboard.MinimumGroupSize > 1);
        var mine = dashboard.Paths.Single(p => p.PathId == pathId);
        Assert.Equal(new Aggregate(mine.PathTitle, null, null, null), mine.Total);
        Assert.Equal(new Aggregate(roleName, null, null, null), Assert.Single(mine.ByRole, r => r.Group == roleName));
        var care = dashboard.Paths.Single(p => p.PathTitle == "Messenger datenschutzkonform nutzen");
        Assert.NotNull(care.Total.Completed);
        Assert.True(care.Total.People >= dashboard.MinimumGroupSize);
    }

    [Fact]
    public async Task No_withheld_row_of_the_dashboard_follows_from_a_paths_total_minus_its_shown_rows()
    {
        var hr = await HumanResourcesAsync();
        var (roleId, roleName) = await NewRoleAsync(hr);
        var person = await hr.CreatePersonAsync("Einzel", "Fall");
        await AssignRoleAsync(hr, person, roleId);
        await WaitForHoldersAsync(roleId, 1);
        var care = (await hr.GetOkAsync<DashboardDto>("/api/learning/dashboard")).Paths.Single(p => p.PathTitle == "Messenger datenschutzkonform nutzen");
        await AssignPathAsync(hr, care.PathId, roleId, 30);

        var dashboard = await hr.GetOkAsync<DashboardDto>("/api/learning/dashboard");

        // One person in a role of their own: without the other rows withheld too, total − the rest would be that person.
        var path = dashboard.Paths.Single(p => p.PathId == care.PathId);
        Assert.Null(path.ByRole.Single(r => r.Group == roleName).People);
        var checkedRows = 0;
        foreach (var rows in dashboard.Paths.Where(p => p.Total.People is not null).SelectMany(p => new[] { (p.Total, p.ByRole), (p.Total, p.ByDepartment) }))
        {
            var left = rows.Total.People!.Value - rows.Item2.Sum(r => r.People ?? 0);
            var withheld = rows.Item2.Count(r => r.People is null);
            Assert.True((left == 0 && withheld == 0) || Math.Abs(left) >= dashboard.MinimumGroupSize,
                $"{rows.Total.Group}: {left} people left over for {withheld} withheld rows");
            checkedRows += withheld;
        }

        Assert.True(checkedRows > 0, "the demo organisation has withheld rows under shown totals");
    }

    [Fact]
    public async Task GetPathsForGaps_suggests_the_paths_that_reach_the_level()
    {
        var hr = await HumanResourcesAsync();
        var video = await ToolIdAsync("Videokonferenz");
        var suggestions = await SendAsync(new GetPathsForGapsQuery([new ToolLevel(video, 2), new ToolLevel(Guid.NewGuid(), 1)]));
        Assert.Contains(suggestions, s => s.Title == "Videoberatung mit Klient:innen" && s.ToolId == video && s.Level >= 2);
        Assert.Empty(await SendAsync(new GetPathsForGapsQuery([new ToolLevel(video, 4)])));
        _ = hr;
    }

    // --- helpers -------------------------------------------------------------------------------

    private static void AssertNoFailures(IEnumerable<HttpResponseMessage> responses, params HttpStatusCode[] allowed) =>
        Assert.All(responses, r => Assert.True(allowed.Contains(r.StatusCode),
            $"{(int)r.StatusCode} from {r.RequestMessage?.Method} {r.RequestMessage?.RequestUri}: {r.Content.ReadAsStringAsync().GetAwaiter().GetResult()}"));

    /// <summary>Starts <paramref name="count"/> requests together, once all are ready, and waits for all of them.</summary>
    private static Task<HttpResponseMessage[]> SimultaneouslyAsync(int count, Func<Task<HttpResponseMessage>> action) =>
        SimultaneouslyAsync(count, _ => action());

    private static async Task<HttpResponseMessage[]> SimultaneouslyAsync(int count, Func<int, Task<HttpResponseMessage>> action)
    {
        using var gate = new SemaphoreSlim(0, count);
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            return await action(i);
        }).ToList();
        gate.Release(count);
        return await Task.WhenAll(tasks);
    }

    private async Task<(Guid Id, string Name)> NewRoleAsync(HttpClient hr)
    {
        var name = $"Testrolle {Guid.NewGuid():N}"[..22];
        var response = await hr.PostAsJsonAsync("/api/skills/roles", new { name, description = "für Tests" });
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return ((await response.Content.ReadFromJsonAsync<IdDto>(CodexApi.Json))!.Id, name);
    }

    private static async Task AssignRoleAsync(HttpClient hr, Guid person, Guid role) =>
        await (await hr.PutAsync($"/api/skills/people/{person}/roles/{role}", null)).AssertStatusAsync(HttpStatusCode.NoContent);

    private Task WaitForHoldersAsync(Guid roleId, int count) =>
        Eventually.HoldsAsync(
            () => Factory.WithModuleDbAsync("Learning", db => db.Set<RoleHolder>().CountAsync(h => h.RoleId == roleId)),
            c => c == count, Delivery, $"Learning knows the {count} holder(s) of the role");

    private static async Task<Guid> NewPathAsync(HttpClient hr, Guid? targetToolId, int? recurrenceMonths = null)
    {
        var created = await hr.PostAsJsonAsync("/api/learning/paths", new { title = $"Testpfad {Guid.NewGuid():N}"[..20], description = "Test", recurrenceMonths });
        await created.AssertStatusAsync(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<IdDto>(CodexApi.Json))!.Id;
        var version = (await hr.GetOkAsync<PathDto>($"/api/learning/paths/{id}")).Version;
        await (await hr.PostAsJsonAsync($"/api/learning/paths/{id}/steps", new { title = "Merkblatt lesen", kind = "Reading", effortMinutes = 15, link = "/intranet/merkblatt", version }))
            .AssertStatusAsync(HttpStatusCode.OK);
        await (await hr.PostAsJsonAsync($"/api/learning/paths/{id}/steps", new
            {
                title = "Praxisaufgabe", kind = "PracticeTask", effortMinutes = 30, requiresSignOff = targetToolId is not null,
                targetToolId, targetLevel = targetToolId is null ? (int?)null : 4, version = version + 1,
            }))
            .AssertStatusAsync(HttpStatusCode.OK);
        return id;
    }

    private static async Task<int> AssignPathAsync(HttpClient hr, Guid pathId, Guid roleId, int days)
    {
        var response = await hr.PostAsJsonAsync($"/api/learning/paths/{pathId}/assignments", new { roleId, dueOffsetDays = days });
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(CodexApi.Json)).GetProperty("enrolled").GetInt32();
    }

    private Task<List<EnrolmentRow>> EnrolmentsAsync(Guid pathId) =>
        Factory.WithModuleDbAsync("Learning", db => db.Set<Enrolment>().AsNoTracking().Where(e => e.PathId == pathId)
            .Select(e => new EnrolmentRow(e.Id, e.PersonId, e.Cycle, e.State, e.DueOn, e.CompletedAt, e.ExpiresAt, e.Steps.Count, e.Steps.Select(s => s.StepId).ToList()))
            .ToListAsync());

    private Task<List<EmailMessage>> MailsAsync(Guid person) =>
        Factory.WithModuleDbAsync("Notifications", db => db.Set<EmailMessage>().AsNoTracking()
            .Where(m => m.RecipientPersonId == person && m.TemplateKey.StartsWith("learning.")).ToListAsync());

    private async Task<Guid> ToolIdAsync(string name) => (await SendAsync(new GetToolCatalogueQuery())).Single(t => t.Name == name).ToolId;

    private async Task<T> SendAsync<T>(IRequest<T> request)
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    private async Task PublishAsync(INotification notification)
    {
        using var scope = Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(notification);
    }

    private Task DispatchAsync() => SendAsync(new DispatchOutboxCommand());

    /// <summary>Completes the learner's next open step as the learner would (people created in tests have no login).</summary>
    private async Task CompleteNextStepAsync(Guid enrolmentId)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        var enrolment = await db.Enrolments.Include(e => e.Steps).SingleAsync(e => e.Id == enrolmentId);
        var path = await db.Paths.Include(p => p.Steps).SingleAsync(p => p.Id == enrolment.PathId);
        var rules = path.OrderedSteps.Select(s => new StepRule(s.Id, s.Position, s.RequiresSignOff, s.TargetToolId, s.TargetLevel)).ToList();
        enrolment.Complete(enrolment.OpenSteps(rules, path.AnyOrder)[0], rules, path.AnyOrder, null, enrolment.PersonId, false, DateTimeOffset.UtcNow);
        enrolment.SetExpiry(path.RecurrenceMonths);
        await db.SaveChangesAsync();
    }

    private sealed record IdDto(Guid Id);

    private sealed record Page<T>(List<T> Items, int TotalCount);

    private sealed record PathItem(Guid Id, string Title, int StepCount, int? RecurrenceMonths, List<string> Roles);

    private sealed record StepItem(Guid Id, int Position, string Title);

    private sealed record PathDto(Guid Id, string Title, int Version, List<StepItem> Steps);

    private sealed record Card(Guid EnrolmentId, Guid PathId, string PathTitle, string Status, int Done, int Total, int Percent);

    private sealed record StepView(StepItem Step, string? State);

    private sealed record EnrolmentDto(Guid Id, string Status, int Percent, int Version, List<StepView> Steps);

    private sealed record SignOffDto(Guid EnrolmentId, Guid StepId, int Version);

    private sealed record EnrolmentRow(Guid Id, Guid PersonId, int Cycle, EnrolmentState State, DateTimeOffset DueOn, DateTimeOffset? CompletedAt, DateTimeOffset? ExpiresAt, int Steps, List<Guid> StepIds);

    private sealed record Aggregate(string Group, int? People, int? Completed, int? Overdue);

    private sealed record PathAggregate(Guid PathId, string PathTitle, Aggregate Total, List<Aggregate> ByRole, List<Aggregate> ByDepartment);

    private sealed record DashboardDto(int MinimumGroupSize, List<PathAggregate> Paths);
}

[Collection(IntegrationCollection.Name)]
public sealed class LearningApiTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : LearningApiTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class LearningApiTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : LearningApiTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
