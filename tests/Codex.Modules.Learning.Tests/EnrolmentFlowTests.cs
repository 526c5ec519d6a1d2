using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Enrolments;
using Codex.Modules.Learning.Features.Projections;
using Codex.Modules.Learning.Features.Reminders;
using Codex.Modules.Learning.Persistence;
using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Contracts;
using Codex.Shared.Persistence;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NSubstitute;

namespace Codex.Modules.Learning.Tests;

/// <summary>
/// Enrolment, archive and reminders on a real (in-memory) SQLite database; other modules'
/// contracts (mail, people) stand in as NSubstitute.
/// </summary>
public sealed class EnrolmentFlowTests : IAsyncLifetime
{
    private static readonly DatabaseOptions Sqlite = new(DatabaseProvider.Sqlite, "Data Source=:memory:");
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly IMediator _mediator = Substitute.For<IMediator>();
    private readonly Guid _role = Guid.NewGuid();
    private readonly Guid _otherRole = Guid.NewGuid();
    private readonly Guid _person = Guid.NewGuid();
    private Guid _pathId;

    private LearningDbContext NewContext() =>
        new LearningSqliteDbContext(new DbContextOptionsBuilder<LearningSqliteDbContext>().UseSqlite(_connection).Options);

    public async Task InitializeAsync()
    {
        await _connection.OpenAsync();
        await using var db = NewContext();
        await db.Database.MigrateAsync();
        var path = LearningPath.Create(Guid.NewGuid(), "Messenger datenschutzkonform nutzen", "", false, 24, DateTimeOffset.UtcNow);
        path.AddStep(Guid.NewGuid(), new StepDetails("Merkblatt", StepKind.Reading, 15, null, null, null, null, null, false));
        path.AddStep(Guid.NewGuid(), new StepDetails("Praxis", StepKind.PracticeTask, 30, null, null, null, null, null, true));
        path.AssignToRole(_role, "Pflegefachkraft", 30, DateTimeOffset.UtcNow);
        path.AssignToRole(_otherRole, "Teamleitung", 30, DateTimeOffset.UtcNow);
        db.Paths.Add(path);
        await db.SaveChangesAsync();
        _pathId = path.Id;
        _mediator.Send(Arg.Any<GetPeopleContactsQuery>(), Arg.Any<CancellationToken>())
            .Returns(ci => (IReadOnlyList<PersonContact>)[.. ci.Arg<GetPeopleContactsQuery>().PersonIds.Select(id => new PersonContact(id, "Anna Schmidt", "a@example.org", "de", true))]);
    }

    public async Task DisposeAsync() => await _connection.DisposeAsync();

    [Fact]
    public async Task Enrolling_a_role_twice_and_the_holder_taking_a_second_role_with_the_path_enrols_once()
    {
        await HoldAsync(_role, _person);
        await HoldAsync(_role, Guid.NewGuid());
        var now = DateTimeOffset.UtcNow;

        await using (var db = NewContext())
        {
            var enroller = new Enroller(db, Sqlite);
            Assert.Equal(2, await enroller.EnrolRoleHoldersAsync(_pathId, _role, now, now.AddDays(30), default));
            Assert.Equal(0, await enroller.EnrolRoleHoldersAsync(_pathId, _role, now, now.AddDays(60), default));
        }

        await AssignedAsync(_otherRole);

        await using var check = NewContext();
        var mine = Assert.Single(await check.Enrolments.Where(e => e.PersonId == _person).ToListAsync());
        Assert.Equal(now.AddDays(30).ToUnixTimeSeconds(), mine.DueOn.ToUnixTimeSeconds()); // the first due date stays
        Assert.Equal(2, await check.Enrolments.CountAsync());
    }

    [Fact]
    public async Task A_person_who_gets_the_role_later_is_enrolled_due_after_the_offset_and_losing_it_archives_without_deleting()
    {
        var assignedAt = DateTimeOffset.UtcNow;
        await AssignedAsync(_role, assignedAt);
        await using (var db = NewContext())
        {
            var enrolment = await db.Enrolments.SingleAsync();
            Assert.Equal(assignedAt.AddDays(30).ToUnixTimeSeconds(), enrolment.DueOn.ToUnixTimeSeconds());
        }

        await AssignedAsync(_otherRole);
        await UnassignedAsync(_role);
        await using (var db = NewContext())
        {
            Assert.Equal(EnrolmentState.Active, (await db.Enrolments.SingleAsync()).State); // the other role still brings the path
        }

        await UnassignedAsync(_otherRole);
        await using (var db = NewContext())
        {
            var archived = await db.Enrolments.SingleAsync();
            Assert.Equal(EnrolmentState.Archived, archived.State);
            Assert.NotNull(archived.ArchivedAt);
            Assert.Empty(await db.RoleHolders.ToListAsync());
        }
    }

    [Fact]
    public async Task The_reminder_job_sends_one_due_reminder_per_step_even_when_it_runs_twice_and_no_escalation_by_default()
    {
        await AssignedAsync(_role, DateTimeOffset.UtcNow.AddDays(-25)); // due in 5 days

        await RunRemindersAsync(new LearningReminderOptions(7, null, 60));
        await RunRemindersAsync(new LearningReminderOptions(7, null, 60));

        var sent = SentEmails();
        var due = Assert.Single(sent);
        Assert.Equal(("learning.reminder", _person, EmailCategory.Optional), (due.TemplateKey, due.RecipientPersonId, due.Category));
        Assert.Equal("1", due.Data["StepCount"]);
        Assert.Contains("\"StepTitle\":\"Merkblatt\"", due.Data["Items"], StringComparison.Ordinal);
        Assert.Contains("\"Kind\":\"Due\"", due.Data["Items"], StringComparison.Ordinal);
        Assert.StartsWith($"learning:reminder:{_person}:", due.DeduplicationKey, StringComparison.Ordinal);
        Assert.StartsWith($"learning:reminder:{_person}:", due.TopicKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overdue_step_is_reminded_once_and_escalated_to_the_lead_once_when_configured()
    {
        var lead = Guid.NewGuid();
        var unit = Guid.NewGuid();
        await using (var db = NewContext())
        {
            db.UnitMembers.AddRange(new UnitMember(unit, _person, false), new UnitMember(unit, lead, true));
            await db.SaveChangesAsync();
        }

        await AssignedAsync(_role, DateTimeOffset.UtcNow.AddDays(-45)); // 15 days overdue
        var options = new LearningReminderOptions(7, 14, 60);

        await RunRemindersAsync(options);
        await RunRemindersAsync(options);

        var sent = SentEmails();
        Assert.Equal(2, sent.Count);
        Assert.Contains(sent, m => m.TemplateKey == "learning.reminder" && m.RecipientPersonId == _person && m.Category == EmailCategory.Mandatory
            && m.Data["Items"].Contains("\"Kind\":\"Overdue\"", StringComparison.Ordinal));
        var escalation = Assert.Single(sent, m => m.TemplateKey == "learning.overdue-escalation");
        Assert.Equal(lead, escalation.RecipientPersonId);
        Assert.Equal(("Anna Schmidt", "15"), (escalation.Data["LearnerName"], escalation.Data["DaysOverdue"]));
    }

    [Fact]
    public async Task Nothing_is_sent_before_the_reminder_window()
    {
        await AssignedAsync(_role, DateTimeOffset.UtcNow); // due in 30 days

        await RunRemindersAsync(new LearningReminderOptions(7, null, 60));

        Assert.Empty(SentEmails());
    }

    private List<SendEmailCommand> SentEmails() =>
        [.. _mediator.ReceivedCalls().Select(c => c.GetArguments()[0]).OfType<QueueEmailsCommand>().SelectMany(batch => batch.Mails)];

    private async Task RunRemindersAsync(LearningReminderOptions options)
    {
        await using var db = NewContext();
        await new SendLearningRemindersCommandHandler(db, new Enroller(db, Sqlite), _mediator, options, TimeProvider.System)
            .Handle(new SendLearningRemindersCommand(), default);
    }

    private async Task HoldAsync(Guid role, Guid person)
    {
        await using var db = NewContext();
        db.RoleHolders.Add(new RoleHolder(role, person));
        await db.SaveChangesAsync();
    }

    private async Task AssignedAsync(Guid role, DateTimeOffset? at = null)
    {
        await using var db = NewContext();
        await new RoleAssignedListener(db, new Enroller(db, Sqlite), TimeProvider.System)
            .Handle(new RoleAssignedIntegrationEvent(Guid.NewGuid(), at ?? DateTimeOffset.UtcNow, _person, role, "Rolle"), default);
    }

    private async Task UnassignedAsync(Guid role)
    {
        await using var db = NewContext();
        await new RoleUnassignedListener(db, new Enroller(db, Sqlite), TimeProvider.System)
            .Handle(new RoleUnassignedIntegrationEvent(Guid.NewGuid(), DateTimeOffset.UtcNow, _person, role), default);
    }
}
