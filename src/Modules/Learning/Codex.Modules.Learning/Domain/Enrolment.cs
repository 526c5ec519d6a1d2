using Codex.Shared.Domain;
using Codex.Shared.Time;

namespace Codex.Modules.Learning.Domain;

/// <summary>What is stored: archived enrolments keep their progress and come back when the role does.</summary>
public enum EnrolmentState
{
    Active,
    Completed,
    Archived,
}

/// <summary>What a person sees: derived from the state, the progress and the due date.</summary>
public enum EnrolmentStatus
{
    NotStarted,
    InProgress,
    Completed,
    Overdue,
    Archived,
}

public enum StepProgressState
{
    AwaitingSignOff,
    Completed,
}

/// <summary>A step of a path as the enrolment needs it to check order and completion.</summary>
public sealed record StepRule(Guid StepId, int Position, bool RequiresSignOff, Guid? TargetToolId, int? TargetLevel);

/// <summary>The enrolment was completed or archived (its role lost, the person left): reminders about it are moot.</summary>
public sealed record EnrolmentEnded(Guid EnrolmentId, Guid PersonId, DateTimeOffset At) : IDomainEvent;

public sealed record LearningStepCompleted(Guid PersonId, Guid PathId, Guid StepId, Guid ToolId, int Level, DateTimeOffset At) : IDomainEvent;

/// <summary>
/// One person on one path in one cycle (a recurring path starts a new cycle before the last one
/// expires). Unique per (person, path, cycle), so enrolling twice is impossible even under races.
/// </summary>
public sealed class Enrolment : AggregateRoot
{
    public const int EvidenceMaxLength = 1000;

    private readonly List<StepProgress> _steps = [];

    private Enrolment()
    {
    }

    public Guid PersonId { get; private set; }

    public Guid PathId { get; private set; }

    public int Cycle { get; private set; }

    public EnrolmentState State { get; private set; }

    public DateTimeOffset EnrolledAt { get; private set; }

    /// <summary>
    /// Stored as an instant (enrolled at + the assignment's days); what counts is its date on the
    /// organisation's clock, see <see cref="DueDate"/>.
    /// </summary>
    public DateTimeOffset DueOn { get; private set; }

    /// <summary>The date the enrolment is due: a date, due at the end of that day in the organisation's time zone.</summary>
    public DateOnly DueDate => DueDateOf(DueOn);

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>For recurring paths: when the completion runs out.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    public DateTimeOffset? ArchivedAt { get; private set; }

    /// <summary>Who may sign off steps besides the leads of the learner's units.</summary>
    public Guid? MentorPersonId { get; private set; }

    /// <summary>The open step the last due-soon reminder was about (so the daily scan sends it once).</summary>
    public Guid? DueReminderStepId { get; private set; }

    public Guid? OverdueReminderStepId { get; private set; }

    public Guid? EscalatedStepId { get; private set; }

    public IReadOnlyList<StepProgress> Steps => _steps;

    public static Enrolment Start(Guid personId, Guid pathId, int cycle, DateTimeOffset now, DateTimeOffset dueOn) => new()
    {
        Id = Guid.NewGuid(),
        PersonId = personId,
        PathId = pathId,
        Cycle = cycle,
        State = EnrolmentState.Active,
        EnrolledAt = now,
        DueOn = dueOn,
    };

    public EnrolmentStatus StatusAt(DateTimeOffset now) => State switch
    {
        EnrolmentState.Completed => EnrolmentStatus.Completed,
        EnrolmentState.Archived => EnrolmentStatus.Archived,
        _ when IsOverdue(DueOn, now) => EnrolmentStatus.Overdue,
        _ when _steps.Count > 0 => EnrolmentStatus.InProgress,
        _ => EnrolmentStatus.NotStarted,
    };

    /// <summary>The local date of a stored due instant.</summary>
    public static DateOnly DueDateOf(DateTimeOffset dueOn) => OrganisationTime.Today(dueOn);

    /// <summary>
    /// Due "01.12.2026" is not overdue on that day, not even at 23:30 in Berlin on a server that runs on
    /// UTC; it is overdue from 02.12.2026 00:00 on the organisation's clock.
    /// </summary>
    public static bool IsOverdue(DateTimeOffset dueOn, DateTimeOffset now) => now >= OrganisationTime.EndOfDay(DueDateOf(dueOn));

    public bool IsOverdueAt(DateTimeOffset now) => State == EnrolmentState.Active && IsOverdue(DueOn, now);

    /// <summary>Calendar days past the due date on the organisation's clock: 1 on the day after it, 0 while not overdue.</summary>
    public int DaysOverdueAt(DateTimeOffset now) => Math.Max(0, OrganisationTime.Today(now).DayNumber - DueDate.DayNumber);

    public bool IsDone(Guid stepId) => _steps.Any(s => s.StepId == stepId && s.State == StepProgressState.Completed);

    /// <summary>The steps the learner may work on now: the first open one in order, or every open one.</summary>
    public IReadOnlyList<StepRule> OpenSteps(IReadOnlyList<StepRule> rules, bool anyOrder)
    {
        var open = rules.OrderBy(r => r.Position).Where(r => !_steps.Any(s => s.StepId == r.StepId)).ToList();
        return anyOrder ? open : open.Take(1).ToList();
    }

    /// <summary>
    /// The learner finishes a step. A step that needs sign-off waits for a lead or mentor; in an
    /// ordered path the earlier steps must be finished (or at least submitted for sign-off) first.
    /// </summary>
    public void Complete(StepRule step, IReadOnlyList<StepRule> rules, bool anyOrder, string? evidence, Guid actorPersonId, bool actorMaySignOff, DateTimeOffset now)
    {
        EnsureActive();
        if (_steps.Any(s => s.StepId == step.StepId))
        {
            throw new DomainException("Enrolment.StepAlreadyDone", "This step is already done or waiting for sign-off.");
        }

        if (!anyOrder && rules.Where(r => r.Position < step.Position).Any(r => !_steps.Any(s => s.StepId == r.StepId)))
        {
            throw new DomainException("Enrolment.StepNotNext", "Finish the earlier steps first.");
        }

        var progress = new StepProgress(Guid.NewGuid(), Id, step.StepId, evidence, actorPersonId, now);
        _steps.Add(progress);
        if (!step.RequiresSignOff || actorMaySignOff)
        {
            Finish(progress, step, rules, actorPersonId, now);
        }
    }

    /// <summary>A lead or mentor confirms a step the learner submitted.</summary>
    public void SignOff(StepRule step, IReadOnlyList<StepRule> rules, Guid actorPersonId, DateTimeOffset now)
    {
        EnsureActive();
        var progress = _steps.FirstOrDefault(s => s.StepId == step.StepId && s.State == StepProgressState.AwaitingSignOff)
            ?? throw new DomainException("Enrolment.NothingToSignOff", "This step is not waiting for sign-off.");
        if (actorPersonId == PersonId)
        {
            throw new DomainException("Enrolment.NoSelfSignOff", "Nobody signs off their own step.");
        }

        Finish(progress, step, rules, actorPersonId, now);
    }

    public void AssignMentor(Guid? mentorPersonId)
    {
        if (mentorPersonId == PersonId)
        {
            throw new DomainException("Enrolment.NoSelfMentor", "A person cannot be their own mentor.");
        }

        MentorPersonId = mentorPersonId;
    }

    /// <summary>The person lost the last role the path came with: kept, with every step, for when it comes back.</summary>
    public void Archive(DateTimeOffset now)
    {
        if (State != EnrolmentState.Archived)
        {
            if (State == EnrolmentState.Active)
            {
                Raise(new EnrolmentEnded(Id, PersonId, now));
            }

            State = EnrolmentState.Archived;
            ArchivedAt = now;
        }
    }

    /// <summary>The role came back: the enrolment continues where it stopped.</summary>
    public void Reactivate()
    {
        if (State == EnrolmentState.Archived)
        {
            State = CompletedAt is null ? EnrolmentState.Active : EnrolmentState.Completed;
            ArchivedAt = null;
        }
    }

    private void Finish(StepProgress progress, StepRule step, IReadOnlyList<StepRule> rules, Guid actorPersonId, DateTimeOffset now)
    {
        progress.MarkCompleted(actorPersonId, now);
        if (step.TargetToolId is { } toolId && step.TargetLevel is { } level)
        {
            Raise(new LearningStepCompleted(PersonId, PathId, step.StepId, toolId, level, now));
        }

        if (rules.All(r => IsDone(r.StepId)))
        {
            State = EnrolmentState.Completed;
            CompletedAt = now;
            Raise(new EnrolmentEnded(Id, PersonId, now));
        }
    }

    /// <summary>Sets when a completion of a recurring path runs out (called by the handler that knows the path).</summary>
    public void SetExpiry(int? recurrenceMonths)
    {
        if (State == EnrolmentState.Completed && CompletedAt is { } done && recurrenceMonths is { } months)
        {
            ExpiresAt = done.AddMonths(months);
        }
    }

    private void EnsureActive()
    {
        if (State != EnrolmentState.Active)
        {
            throw new DomainException("Enrolment.NotActive", "This enrolment is completed or archived.");
        }
    }
}

public sealed class StepProgress
{
    private StepProgress()
    {
    }

    internal StepProgress(Guid id, Guid enrolmentId, Guid stepId, string? evidence, Guid submittedBy, DateTimeOffset now)
    {
        Id = id;
        EnrolmentId = enrolmentId;
        StepId = stepId;
        Evidence = string.IsNullOrWhiteSpace(evidence) ? null : evidence.Trim();
        SubmittedBy = submittedBy;
        SubmittedAt = now;
        State = StepProgressState.AwaitingSignOff;
    }

    public Guid Id { get; private set; }

    public Guid EnrolmentId { get; private set; }

    public Guid StepId { get; private set; }

    public StepProgressState State { get; private set; }

    /// <summary>A note or a link the learner gives as evidence.</summary>
    public string? Evidence { get; private set; }

    public Guid SubmittedBy { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Who completed or signed off the step (the learner for self-completed steps).</summary>
    public Guid? CompletedBy { get; private set; }

    internal void MarkCompleted(Guid by, DateTimeOffset at)
    {
        State = StepProgressState.Completed;
        CompletedBy = by;
        CompletedAt = at;
    }
}

/// <summary>Learning's own copy of who holds which job role (from Skills' RoleAssigned/RoleUnassigned).</summary>
public sealed class RoleHolder(Guid roleId, Guid personId)
{
    public Guid RoleId { get; private set; } = roleId;

    public Guid PersonId { get; private set; } = personId;
}

/// <summary>Learning's own copy of unit memberships (from Organization): who leads whom, for sign-off.</summary>
public sealed class UnitMember(Guid unitId, Guid personId, bool isLead)
{
    public Guid UnitId { get; private set; } = unitId;

    public Guid PersonId { get; private set; } = personId;

    public bool IsLead { get; set; } = isLead;
}
