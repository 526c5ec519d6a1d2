using Codex.Shared.Domain;

namespace Codex.Modules.TeamCodex.Domain;

public enum ProposalStatus
{
    Open,
    Published,
    Withdrawn,
}

/// <summary>
/// A member's proposal to change the codex: the full proposed text (compared with the version in
/// force for the diff) and why. Amending it starts a new revision, and consent is asked again.
/// </summary>
public sealed class ChangeProposal : AggregateRoot
{
    public const int TitleMaxLength = 200;
    public const int RationaleMaxLength = 4000;

    private readonly List<ProposalComment> _comments = [];

    private ChangeProposal()
    {
    }

    public Guid CodexId { get; private set; }

    public string Title { get; private set; } = "";

    public string Rationale { get; private set; } = "";

    public IReadOnlyList<CodexSection> Sections { get; private set; } = [];

    /// <summary>The version in force the proposal was written against (null: the codex had none yet).</summary>
    public int? BasedOnVersion { get; private set; }

    public int Revision { get; private set; }

    public ProposalStatus Status { get; private set; }

    public Guid AuthorId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public int? PublishedAsVersion { get; private set; }

    public IReadOnlyList<ProposalComment> Comments => _comments;

    public static ChangeProposal Propose(
        Guid id, UnitCodex codex, string title, string rationale, IReadOnlyList<CodexSection> currentVersionSections, Guid authorId, DateTimeOffset now)
    {
        if (CodexSections.SameContent(codex.Draft, currentVersionSections))
        {
            throw new DomainException("Codex.NothingToPropose", "The draft is the same as the version in force: there is nothing to propose.");
        }

        return new ChangeProposal
        {
            Id = id,
            CodexId = codex.Id,
            Title = title.Trim(),
            Rationale = rationale.Trim(),
            Sections = codex.Draft,
            BasedOnVersion = codex.VersionInForce,
            Revision = 1,
            Status = ProposalStatus.Open,
            AuthorId = authorId,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Takes the current draft as the proposal's new text (e.g. to meet an objection).</summary>
    public void Amend(UnitCodex codex, string rationale, DateTimeOffset now)
    {
        EnsureOpen();
        if (CodexSections.SameContent(codex.Draft, Sections) && rationale.Trim() == Rationale)
        {
            throw new DomainException("Codex.AmendmentUnchanged", "The amendment changes nothing: edit the draft first.");
        }

        Sections = codex.Draft;
        Rationale = rationale.Trim();
        Revision++;
        UpdatedAt = now;
    }

    public void Withdraw(DateTimeOffset now)
    {
        EnsureOpen();
        Status = ProposalStatus.Withdrawn;
        UpdatedAt = now;
    }

    public ProposalComment Comment(Guid authorId, string text, DateTimeOffset now)
    {
        if (Status == ProposalStatus.Withdrawn)
        {
            throw new DomainException("Codex.ProposalClosed", "This proposal is no longer open.");
        }

        var comment = new ProposalComment(Guid.NewGuid(), Id, authorId, text.Trim(), Revision, now);
        _comments.Add(comment);
        return comment;
    }

    internal void MarkPublished(int version)
    {
        EnsureOpen();
        Status = ProposalStatus.Published;
        PublishedAsVersion = version;
    }

    private void EnsureOpen()
    {
        if (Status != ProposalStatus.Open)
        {
            throw new DomainException("Codex.ProposalClosed", "This proposal is no longer open.");
        }
    }
}

public sealed class ProposalComment(Guid id, Guid proposalId, Guid authorId, string text, int proposalRevision, DateTimeOffset writtenAt)
{
    public const int TextMaxLength = 4000;

    public Guid Id { get; private set; } = id;

    public Guid ProposalId { get; private set; } = proposalId;

    public Guid AuthorId { get; private set; } = authorId;

    public string Text { get; private set; } = text;

    public int ProposalRevision { get; private set; } = proposalRevision;

    public DateTimeOffset WrittenAt { get; private set; } = writtenAt;
}
