using Codex.Shared.Domain;

namespace Codex.Modules.Skills.Domain;

/// <summary>The proficiency scale: 0 none · 1 basic (with help) · 2 independent · 3 advanced · 4 can teach others.</summary>
public static class ProficiencyScale
{
    public const int None = 0;
    public const int Basic = 1;
    public const int Independent = 2;
    public const int Advanced = 3;
    public const int CanTeach = 4;

    public static readonly IReadOnlyList<int> Levels = [None, Basic, Independent, Advanced, CanTeach];

    public static bool IsValid(int level) => level is >= None and <= CanTeach;

    public static void Ensure(int level)
    {
        if (!IsValid(level))
        {
            throw new DomainException("Skills.LevelOutOfScale", $"Level {level} is not on the scale 0–4.");
        }
    }
}

public enum ProficiencySource
{
    Self,
    Lead,
    Learning,
}

/// <summary>A person's current level with one tool; every change leaves a history entry.</summary>
public sealed class Proficiency : AggregateRoot
{
    private Proficiency()
    {
    }

    public Guid PersonId { get; private set; }

    public Guid ToolId { get; private set; }

    public int Level { get; private set; }

    public ProficiencySource Source { get; private set; }

    /// <summary>A lead confirmed or set the current level (a self-assessment alone is not confirmed).</summary>
    public bool ConfirmedByLead { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static Proficiency Start(Guid personId, Guid toolId) =>
        new() { Id = Guid.NewGuid(), PersonId = personId, ToolId = toolId, Level = ProficiencyScale.None };

    /// <summary>
    /// The person's own assessment; a new level replaces an earlier lead confirmation, which must then be given again.
    /// The level they already have changes nothing and leaves no history: a save of the whole self-assessment
    /// records only the tools whose level the person really changed (and keeps the confirmations of the rest).
    /// </summary>
    /// <returns>The history entry, or null when the level stays.</returns>
    public ProficiencyChange? AssessSelf(int level, Guid actorPersonId, DateTimeOffset now)
    {
        ProficiencyScale.Ensure(level);
        return level == Level ? null : Change(level, ProficiencySource.Self, actorPersonId, confirmed: false, now);
    }

    /// <summary>A lead confirms (same level) or adjusts the level.</summary>
    public ProficiencyChange ConfirmByLead(int level, Guid leadPersonId, DateTimeOffset now)
    {
        if (leadPersonId == PersonId)
        {
            throw new DomainException("Skills.CannotConfirmOwn", "Leads cannot confirm their own level.");
        }

        return Change(level, ProficiencySource.Lead, leadPersonId, confirmed: true, now);
    }

    /// <summary>Completed learning raises the level to at least the step's level; it never lowers it.</summary>
    public ProficiencyChange? RaiseByLearning(int level, DateTimeOffset now)
    {
        ProficiencyScale.Ensure(level);
        return level <= Level ? null : Change(level, ProficiencySource.Learning, null, ConfirmedByLead, now);
    }

    private ProficiencyChange Change(int level, ProficiencySource source, Guid? actor, bool confirmed, DateTimeOffset now)
    {
        ProficiencyScale.Ensure(level);
        var change = new ProficiencyChange(Guid.NewGuid(), PersonId, ToolId, Level, level, source, actor, now);
        Level = level;
        Source = source;
        ConfirmedByLead = confirmed;
        UpdatedAt = now;
        return change;
    }
}

/// <summary>History of a person's level with a tool: who changed it, how, and from what to what.</summary>
public sealed class ProficiencyChange(
    Guid id, Guid personId, Guid toolId, int oldLevel, int newLevel, ProficiencySource source, Guid? changedBy, DateTimeOffset at)
{
    public Guid Id { get; private set; } = id;

    public Guid PersonId { get; private set; } = personId;

    public Guid ToolId { get; private set; } = toolId;

    public int OldLevel { get; private set; } = oldLevel;

    public int NewLevel { get; private set; } = newLevel;

    public ProficiencySource Source { get; private set; } = source;

    public Guid? ChangedBy { get; private set; } = changedBy;

    public DateTimeOffset At { get; private set; } = at;
}
