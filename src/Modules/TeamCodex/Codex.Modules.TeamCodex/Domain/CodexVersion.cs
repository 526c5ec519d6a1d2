namespace Codex.Modules.TeamCodex.Domain;

/// <summary>
/// A published, numbered and immutable version of a codex: the full text as it was decided,
/// with what changed, who published it and the outcome of the round that agreed to it.
/// </summary>
public sealed class CodexVersion(
    Guid codexId, int number, IReadOnlyList<CodexSection> sections, string changeSummary, Guid publishedBy, DateTimeOffset publishedAt, string roundOutcome)
{
    public const int ChangeSummaryMaxLength = 2000;

    public Guid CodexId { get; private set; } = codexId;

    public int Number { get; private set; } = number;

    public IReadOnlyList<CodexSection> Sections { get; private set; } = sections;

    public string ChangeSummary { get; private set; } = changeSummary;

    public Guid PublishedBy { get; private set; } = publishedBy;

    public DateTimeOffset PublishedAt { get; private set; } = publishedAt;

    public string RoundOutcome { get; private set; } = roundOutcome;
}

/// <summary>A member confirmed having read a version of a codex.</summary>
public sealed class Acknowledgement(Guid codexId, Guid personId, int versionNumber, DateTimeOffset acknowledgedAt)
{
    public Guid CodexId { get; private set; } = codexId;

    public Guid PersonId { get; private set; } = personId;

    public int VersionNumber { get; private set; } = versionNumber;

    public DateTimeOffset AcknowledgedAt { get; private set; } = acknowledgedAt;
}
