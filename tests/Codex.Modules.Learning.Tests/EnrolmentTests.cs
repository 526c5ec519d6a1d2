using Codex.Modules.Learning.Domain;
using Codex.Shared.Domain;

namespace Codex.Modules.Learning.Tests;

/// <summary>The enrolment's rules without a database: order, sign-off, status, archive, expiry.</summary>
public sealed class EnrolmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid Learner = Guid.NewGuid();
    private static readonly Guid Lead = Guid.NewGuid();
    private static readonly Guid Tool = Guid.NewGuid();

    private static readonly StepRule Reading = new(Guid.NewGuid(), 1, false, null, null);
    private static readonly StepRule Practice = new(Guid.NewGuid(), 2, true, Tool, 3);
    private static readonly IReadOnlyList<StepRule> Rules = [Reading, Practice];

    private static Enrolment NewEnrolment() => Enrolment.Start(Learner, Guid.NewGuid(), 1, Now, Now.AddDays(30));

    [Fact]
    public void A_new_enrolment_is_not_started_and_becomes_overdue_only_after_the_day_it_is_due()
    {
        var enrolment = NewEnrolment(); // due on 23.12.2026 (09:00 in Berlin)

        Assert.Equal(new DateOnly(2026, 12, 23), enrolment.DueDate);
        Assert.Equal(EnrolmentStatus.NotStarted, enrolment.StatusAt(Now));
        Assert.Equal(EnrolmentStatus.NotStarted, enrolment.StatusAt(Now.AddDays(30).AddMinutes(1)));
        Assert.Equal(EnrolmentStatus.Overdue, enrolment.StatusAt(new DateTimeOffset(2026, 12, 24, 0, 0, 0, TimeSpan.FromHours(1))));
    }

    [Fact]
    public void A_step_due_on_the_first_of_december_is_not_overdue_that_day_even_at_half_past_eleven_in_berlin_on_a_utc_server()
    {
        // Stored as the instant the assignment's days ran out: here 01.12.2026 10:00 in Berlin.
        var enrolment = Enrolment.Start(Learner, Guid.NewGuid(), 1, Now, new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 12, 1), enrolment.DueDate);
        Assert.False(enrolment.IsOverdueAt(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero)));
        Assert.False(enrolment.IsOverdueAt(new DateTimeOffset(2026, 12, 1, 22, 30, 0, TimeSpan.Zero))); // 23:30 in Berlin
        Assert.False(enrolment.IsOverdueAt(new DateTimeOffset(2026, 12, 1, 22, 59, 59, TimeSpan.Zero)));
        Assert.True(enrolment.IsOverdueAt(new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero))); // 02.12.2026 00:00 in Berlin
        Assert.Equal(EnrolmentStatus.NotStarted, enrolment.StatusAt(new DateTimeOffset(2026, 12, 1, 22, 30, 0, TimeSpan.Zero)));
        Assert.Equal(EnrolmentStatus.Overdue, enrolment.StatusAt(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.FromHours(1))));
    }

    [Fact]
    public void The_due_date_is_the_date_on_the_organisations_clock_not_the_servers()
    {
        // 30.11.2026 23:30 UTC is already 01.12.2026 in Berlin.
        Assert.Equal(new DateOnly(2026, 12, 1), Enrolment.DueDateOf(new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero)));
        Assert.False(Enrolment.IsOverdue(new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 22, 0, 0, TimeSpan.Zero)));
        // Summer time: due 01.07.2027, overdue from 02.07.2027 00:00 CEST (22:00 UTC).
        var summer = new DateTimeOffset(2027, 7, 1, 8, 0, 0, TimeSpan.Zero);
        Assert.False(Enrolment.IsOverdue(summer, new DateTimeOffset(2027, 7, 1, 21, 59, 0, TimeSpan.Zero)));
        Assert.True(Enrolment.IsOverdue(summer, new DateTimeOffset(2027, 7, 1, 22, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Days_overdue_are_calendar_days_past_the_due_date_on_the_organisations_clock()
    {
        var enrolment = Enrolment.Start(Learner, Guid.NewGuid(), 1, Now, new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

        Assert.Equal(0, enrolment.DaysOverdueAt(new DateTimeOffset(2026, 12, 1, 22, 30, 0, TimeSpan.Zero)));
        Assert.Equal(1, enrolment.DaysOverdueAt(new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero)));
        Assert.Equal(1, enrolment.DaysOverdueAt(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(8, enrolment.DaysOverdueAt(new DateTimeOffset(2026, 12, 9, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Completing_the_last_step_or_archiving_an_active_enrolment_ends_it_once()
    {
        var completed = NewEnrolment();
        completed.Complete(Reading, [Reading], anyOrder: false, null, Learner, false, Now);
        var archived = NewEnrolment();
        archived.Archive(Now);
        archived.Archive(Now);

        Assert.Single(completed.DomainEvents.OfType<EnrolmentEnded>());
        Assert.Equal(completed.Id, completed.DomainEvents.OfType<EnrolmentEnded>().Single().EnrolmentId);
        Assert.Single(archived.DomainEvents.OfType<EnrolmentEnded>());
    }

    [Fact]
    public void In_an_ordered_path_a_later_step_cannot_be_done_first()
    {
        var enrolment = NewEnrolment();

        var error = Assert.Throws<DomainException>(() => enrolment.Complete(Practice, Rules, anyOrder: false, null, Learner, false, Now));

        Assert.Equal("Enrolment.StepNotNext", error.MessageKey);
        Assert.Empty(enrolment.Steps);
        Assert.Equal([Reading], enrolment.OpenSteps(Rules, anyOrder: false));
    }

    [Fact]
    public void In_a_path_with_any_order_every_open_step_is_available()
    {
        var enrolment = NewEnrolment();

        enrolment.Complete(Practice, Rules, anyOrder: true, "Notiz", Learner, false, Now);

        Assert.Equal([Reading], enrolment.OpenSteps(Rules, anyOrder: true));
        Assert.Equal(StepProgressState.AwaitingSignOff, enrolment.Steps.Single().State);
    }

    [Fact]
    public void A_sign_off_step_waits_for_the_lead_and_only_then_raises_the_level_and_completes_the_path()
    {
        var enrolment = NewEnrolment();
        enrolment.Complete(Reading, Rules, false, null, Learner, false, Now);
        enrolment.Complete(Practice, Rules, false, "https://intranet.example/nachweis", Learner, false, Now);
        Assert.Empty(enrolment.DomainEvents);
        Assert.Equal(EnrolmentStatus.InProgress, enrolment.StatusAt(Now));

        enrolment.SignOff(Practice, Rules, Lead, Now.AddDays(1));

        var completed = Assert.Single(enrolment.DomainEvents.OfType<LearningStepCompleted>());
        Assert.Equal((Learner, Tool, 3), (completed.PersonId, completed.ToolId, completed.Level));
        Assert.Equal(enrolment.Id, Assert.Single(enrolment.DomainEvents.OfType<EnrolmentEnded>()).EnrolmentId);
        Assert.Equal(2, enrolment.DomainEvents.Count);
        Assert.Equal(EnrolmentStatus.Completed, enrolment.StatusAt(Now.AddDays(100)));
        Assert.Equal(Lead, enrolment.Steps.Single(s => s.StepId == Practice.StepId).CompletedBy);
    }

    [Fact]
    public void Nobody_signs_off_their_own_step_and_a_step_is_done_once()
    {
        var enrolment = NewEnrolment();
        enrolment.Complete(Reading, Rules, false, null, Learner, false, Now);
        enrolment.Complete(Practice, Rules, false, null, Learner, false, Now);

        Assert.Equal("Enrolment.NoSelfSignOff", Assert.Throws<DomainException>(() => enrolment.SignOff(Practice, Rules, Learner, Now)).MessageKey);
        Assert.Equal("Enrolment.StepAlreadyDone", Assert.Throws<DomainException>(() => enrolment.Complete(Reading, Rules, false, null, Learner, false, Now)).MessageKey);
        Assert.Equal("Enrolment.NothingToSignOff", Assert.Throws<DomainException>(() => enrolment.SignOff(Reading, Rules, Lead, Now)).MessageKey);
    }

    [Fact]
    public void Archiving_keeps_the_progress_and_reactivating_continues_where_it_stopped()
    {
        var enrolment = NewEnrolment();
        enrolment.Complete(Reading, Rules, false, null, Learner, false, Now);

        enrolment.Archive(Now.AddDays(2));

        Assert.Equal(EnrolmentStatus.Archived, enrolment.StatusAt(Now.AddDays(2)));
        Assert.Single(enrolment.Steps);
        Assert.Equal("Enrolment.NotActive", Assert.Throws<DomainException>(() => enrolment.Complete(Practice, Rules, false, null, Learner, false, Now)).MessageKey);

        enrolment.Reactivate();

        Assert.Equal(EnrolmentState.Active, enrolment.State);
        Assert.Null(enrolment.ArchivedAt);
        Assert.Equal([Practice], enrolment.OpenSteps(Rules, false));
    }

    [Fact]
    public void A_completed_recurring_path_expires_after_its_recurrence()
    {
        var enrolment = NewEnrolment();
        IReadOnlyList<StepRule> single = [Reading];

        enrolment.Complete(Reading, single, false, null, Learner, false, Now);
        enrolment.SetExpiry(24);

        Assert.Equal(Now.AddMonths(24), enrolment.ExpiresAt);
    }

    [Fact]
    public void A_person_cannot_be_their_own_mentor()
    {
        Assert.Equal("Enrolment.NoSelfMentor", Assert.Throws<DomainException>(() => NewEnrolment().AssignMentor(Learner)).MessageKey);
    }
}
