using Codex.Shared.Domain;

namespace Codex.Modules.Learning.Domain;

public enum StepKind
{
    ELearning,
    Workshop,
    Reading,
    PracticeTask,
    Tandem,
}

/// <summary>
/// A learning path HR designs: ordered steps, in order by default, optionally recurring
/// (completion expires after <see cref="RecurrenceMonths"/> and the person is enrolled again).
/// </summary>
public sealed class LearningPath : AggregateRoot
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 2000;
    public const int MaxRecurrenceMonths = 120;

    private readonly List<PathStep> _steps = [];
    private readonly List<PathAssignment> _assignments = [];

    private LearningPath()
    {
    }

    public string Title { get; private set; } = "";

    public string Description { get; private set; } = "";

    public bool AnyOrder { get; private set; }

    /// <summary>Null for a path completed once and for all.</summary>
    public int? RecurrenceMonths { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Audit: who last changed the path or its steps or assignments, and when.</summary>
    public Guid? ChangedBy { get; private set; }

    public DateTimeOffset? ChangedAt { get; private set; }

    public IReadOnlyList<PathStep> Steps => _steps;

    public IReadOnlyList<PathAssignment> Assignments => _assignments;

    public IEnumerable<PathStep> OrderedSteps => _steps.OrderBy(s => s.Position);

    public static LearningPath Create(Guid id, string title, string description, bool anyOrder, int? recurrenceMonths, DateTimeOffset now)
    {
        var path = new LearningPath { Id = id, CreatedAt = now };
        path.Update(title, description, anyOrder, recurrenceMonths);
        return path;
    }

    public void Update(string title, string description, bool anyOrder, int? recurrenceMonths)
    {
        if (recurrenceMonths is < 1 or > MaxRecurrenceMonths)
        {
            throw new DomainException("Path.RecurrenceInvalid", "Recurrence must be between 1 and 120 months.");
        }

        Title = title.Trim();
        Description = description.Trim();
        AnyOrder = anyOrder;
        RecurrenceMonths = recurrenceMonths;
    }

    public PathStep AddStep(Guid stepId, StepDetails details)
    {
        var step = new PathStep(stepId, Id, _steps.Count == 0 ? 1 : _steps.Max(s => s.Position) + 1, details);
        _steps.Add(step);
        return step;
    }

    public void UpdateStep(Guid stepId, StepDetails details) => FindStep(stepId).Apply(details);

    /// <summary>Removing a step keeps learners' recorded progress of it (it just no longer counts).</summary>
    public void RemoveStep(Guid stepId)
    {
        _steps.Remove(FindStep(stepId));
        Renumber(OrderedSteps.ToList());
    }

    /// <summary>Moves a step one place up (-1) or down (+1); at either end nothing changes.</summary>
    public void MoveStep(Guid stepId, int direction)
    {
        var ordered = OrderedSteps.ToList();
        var index = ordered.IndexOf(FindStep(stepId));
        var target = index + Math.Sign(direction);
        if (target < 0 || target >= ordered.Count)
        {
            return;
        }

        (ordered[index], ordered[target]) = (ordered[target], ordered[index]);
        Renumber(ordered);
    }

    /// <summary>Assigns the path to a role, or changes the due offset of an existing assignment (never a second one).</summary>
    public PathAssignment AssignToRole(Guid roleId, string roleName, int dueOffsetDays, DateTimeOffset now)
    {
        if (dueOffsetDays is < 1 or > PathAssignment.MaxDueOffsetDays)
        {
            throw new DomainException("Path.DueOffsetInvalid", "The due offset must be between 1 and 730 days.");
        }

        if (_steps.Count == 0)
        {
            throw new DomainException("Path.NoSteps", "A path without steps cannot be assigned.");
        }

        var existing = _assignments.FirstOrDefault(a => a.RoleId == roleId);
        if (existing is not null)
        {
            existing.Change(roleName, dueOffsetDays);
            return existing;
        }

        var assignment = new PathAssignment(Guid.NewGuid(), Id, roleId, roleName, dueOffsetDays, now);
        _assignments.Add(assignment);
        return assignment;
    }

    /// <summary>Ends the assignment; enrolments of people holding no other role with the path are archived by the caller.</summary>
    public void UnassignRole(Guid roleId)
    {
        var existing = _assignments.FirstOrDefault(a => a.RoleId == roleId)
            ?? throw new DomainException("Path.NotAssigned", "The path is not assigned to this role.");
        _assignments.Remove(existing);
    }

    /// <summary>Records who changed the path; also makes every step change bump the path's version.</summary>
    public void Touch(Guid? by, DateTimeOffset now)
    {
        ChangedBy = by;
        ChangedAt = now;
    }

    public PathStep FindStep(Guid stepId) =>
        _steps.FirstOrDefault(s => s.Id == stepId) ?? throw new DomainException("Path.StepUnknown", "The step does not belong to this path.");

    private static void Renumber(List<PathStep> ordered)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Position = i + 1;
        }
    }
}

/// <param name="TargetLevel">With <paramref name="TargetToolId"/>: the level (1–4) completing the step proves.</param>
public sealed record StepDetails(
    string Title,
    StepKind Kind,
    int EffortMinutes,
    string? Link,
    DateTimeOffset? ScheduledAt,
    string? Place,
    Guid? TargetToolId,
    int? TargetLevel,
    bool RequiresSignOff,
    string? Description = null);

public sealed class PathStep
{
    public const int TitleMaxLength = 200;
    public const int LinkMaxLength = 500;
    public const int PlaceMaxLength = 200;
    public const int DescriptionMaxLength = 1000;
    public const int MaxEffortMinutes = 6000;

    private PathStep()
    {
    }

    internal PathStep(Guid id, Guid pathId, int position, StepDetails details)
    {
        Id = id;
        PathId = pathId;
        Position = position;
        Apply(details);
    }

    public Guid Id { get; private set; }

    public Guid PathId { get; private set; }

    public int Position { get; internal set; }

    public string Title { get; private set; } = "";

    public string? Description { get; private set; }

    public StepKind Kind { get; private set; }

    public int EffortMinutes { get; private set; }

    public string? Link { get; private set; }

    public DateTimeOffset? ScheduledAt { get; private set; }

    public string? Place { get; private set; }

    public Guid? TargetToolId { get; private set; }

    public int? TargetLevel { get; private set; }

    /// <summary>A team lead or mentor confirms the step; otherwise the learner completes it alone.</summary>
    public bool RequiresSignOff { get; private set; }

    internal void Apply(StepDetails d)
    {
        if ((d.TargetToolId is null) != (d.TargetLevel is null) || d.TargetLevel is < 1 or > 4)
        {
            throw new DomainException("Step.TargetInvalid", "A target tool needs a level from 1 to 4, and a level needs a tool.");
        }

        if (d.Kind == StepKind.Workshop && (d.ScheduledAt is null || string.IsNullOrWhiteSpace(d.Place)))
        {
            throw new DomainException("Step.WorkshopNeedsDateAndPlace", "A workshop needs a date and a place.");
        }

        Title = d.Title.Trim();
        Description = string.IsNullOrWhiteSpace(d.Description) ? null : d.Description.Trim();
        Kind = d.Kind;
        EffortMinutes = d.EffortMinutes;
        Link = string.IsNullOrWhiteSpace(d.Link) ? null : d.Link.Trim();
        ScheduledAt = d.Kind == StepKind.Workshop ? d.ScheduledAt : null;
        Place = d.Kind == StepKind.Workshop ? d.Place?.Trim() : null;
        TargetToolId = d.TargetToolId;
        TargetLevel = d.TargetLevel;
        RequiresSignOff = d.RequiresSignOff;
    }
}

/// <summary>The path is assigned to a job role (Skills module): its holders are enrolled.</summary>
public sealed class PathAssignment
{
    public const int MaxDueOffsetDays = 730;

    private PathAssignment()
    {
    }

    internal PathAssignment(Guid id, Guid pathId, Guid roleId, string roleName, int dueOffsetDays, DateTimeOffset assignedAt)
    {
        Id = id;
        PathId = pathId;
        RoleId = roleId;
        RoleName = roleName;
        DueOffsetDays = dueOffsetDays;
        AssignedAt = assignedAt;
    }

    public Guid Id { get; private set; }

    public Guid PathId { get; private set; }

    public Guid RoleId { get; private set; }

    /// <summary>The role's name when assigned, for lists (the Skills module owns the role).</summary>
    public string RoleName { get; private set; } = "";

    /// <summary>Days after enrolment (taking the role, or the assignment) within which the path is due.</summary>
    public int DueOffsetDays { get; private set; }

    public DateTimeOffset AssignedAt { get; private set; }

    internal void Change(string roleName, int dueOffsetDays)
    {
        RoleName = roleName;
        DueOffsetDays = dueOffsetDays;
    }
}
