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
    public void A_new_enrolment_is_not_started_and_becomes_overdue_after_its_due_date()
    {
        var enrolment = NewEnrolment();

        Assert.Equal(EnrolmentStatus.NotStarted, enrolment.StatusAt(Now));
        Assert.Equal(EnrolmentStatus.NotStarted, enrolment.StatusAt(Now.AddDays(30)));
        Assert.Equal(EnrolmentStatus.Overdue, enrolment.StatusAt(Now.AddDays(30).AddMinutes(1)));
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

        var completed = Assert.IsType<LearningStepCompleted>(Assert.Single(enrolment.DomainEvents));
        Assert.Equal((Learner, Tool, 3), (completed.PersonId, completed.ToolId, completed.Level));
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
