namespace Codex.Modules.TeamCodex.Domain;

/// <summary>One saved state of a working draft: who saved what, when. Never changed afterwards.</summary>
public sealed class DraftRevision(Guid codexId, int number, IReadOnlyList<CodexSection> sections, Guid authorId, DateTimeOffset savedAt)
{
    public Guid CodexId { get; private set; } = codexId;

    public int Number { get; private set; } = number;

    public IReadOnlyList<CodexSection> Sections { get; private set; } = sections;

    public Guid AuthorId { get; private set; } = authorId;

    public DateTimeOffset SavedAt { get; private set; } = savedAt;
}
