using Codex.Shared.Domain;

namespace Codex.Modules.Skills.Domain;

/// <summary>
/// Co-determination rules (works council): aggregates over fewer people than the minimum group
/// size are withheld; individual levels reach leads and HR only when the organisation agrees to it.
/// </summary>
public sealed class PrivacySettings : AggregateRoot
{
    public static readonly Guid SingletonId = new("5c1b7a8e-6f00-4e7d-9a5c-000000000002");

    /// <summary>Below 3 an aggregate would practically show an individual; above 50 nothing useful is left.</summary>
    public const int SmallestMinimum = 3;
    public const int LargestMinimum = 50;

    private PrivacySettings()
    {
    }

    public int MinimumGroupSize { get; private set; }

    public bool IndividualProficiencyVisibleToLeads { get; private set; }

    public static PrivacySettings Create(int minimumGroupSize, bool individualVisible)
    {
        var settings = new PrivacySettings { Id = SingletonId };
        settings.Change(minimumGroupSize, individualVisible);
        return settings;
    }

    public void Change(int minimumGroupSize, bool individualVisible)
    {
        if (minimumGroupSize is < SmallestMinimum or > LargestMinimum)
        {
            throw new DomainException("Skills.MinimumGroupSizeRange", $"The minimum group size must be between {SmallestMinimum} and {LargestMinimum}.");
        }

        MinimumGroupSize = minimumGroupSize;
        IndividualProficiencyVisibleToLeads = individualVisible;
    }

    /// <summary>Whether an aggregate over this many people may be shown.</summary>
    public static bool MayShow(int groupSize, int minimumGroupSize) => groupSize >= minimumGroupSize;
}

/// <summary>Skills' own copy of who belongs to which org unit (from Organization's MembershipChanged).</summary>
public sealed class UnitMember(Guid unitId, Guid personId, bool isLead)
{
    public Guid UnitId { get; private set; } = unitId;

    public Guid PersonId { get; private set; } = personId;

    public bool IsLead { get; set; } = isLead;
}

public enum AuditArea
{
    Tool,
    Role,
    Matrix,
    Assignment,
    Proficiency,
    Privacy,
    Import,

    /// <summary>Someone other than the person read their individual levels (a lead or HR); the subject is the person's id.</summary>
    IndividualViewed,

    /// <summary>A file of the matrix, the levels or the assignments was downloaded.</summary>
    Export,
}

/// <summary>Who changed what, when, from what to what.</summary>
public sealed class AuditEntry(
    Guid id, DateTimeOffset at, Guid? actorPersonId, string actorName, AuditArea area, string subject, string? oldValue, string? newValue, Guid? subjectPersonId = null)
{
    public const int TextMaxLength = 400;

    public Guid Id { get; private set; } = id;

    public DateTimeOffset At { get; private set; } = at;

    public Guid? ActorPersonId { get; private set; } = actorPersonId;

    public string ActorName { get; private set; } = Cut(actorName);

    public AuditArea Area { get; private set; } = area;

    public string Subject { get; private set; } = Cut(subject);

    public string? OldValue { get; private set; } = oldValue is null ? null : Cut(oldValue);

    public string? NewValue { get; private set; } = newValue is null ? null : Cut(newValue);

    /// <summary>The person the entry is about (their levels, roles, or a read of them); found by it for "Meine Daten" and erasure.</summary>
    public Guid? SubjectPersonId { get; private set; } = subjectPersonId;

    private static string Cut(string text) => text.Length > TextMaxLength ? text[..TextMaxLength] : text;
}
