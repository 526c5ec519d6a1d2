using Codex.Shared.Domain;
using Codex.Shared.Errors;

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

    /// <summary>The texts the proposal had before each amendment, oldest first: nothing a team discussed is lost.</summary>
    public IReadOnlyList<ProposalRevision> EarlierRevisions { get; private set; } = [];

    /// <summary>Only the author, or a lead of the unit, may change what the proposal says or take it back.</summary>
    public bool MayBeChangedBy(Guid personId, bool isLeadOfUnit) => personId == AuthorId || isLeadOfUnit;

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

    /// <summary>
    /// Takes the current draft as the proposal's new text (e.g. to meet an objection). Only the
    /// author or a lead may: anyone else would rewrite it under the author's name. The earlier
    /// text stays in <see cref="EarlierRevisions"/>.
    /// </summary>
    public void Amend(UnitCodex codex, string rationale, Guid amendedBy, bool byLeadOfUnit, DateTimeOffset now)
    {
        EnsureMayBeChangedBy(amendedBy, byLeadOfUnit);
        EnsureOpen();
        if (CodexSections.SameContent(codex.Draft, Sections) && rationale.Trim() == Rationale)
        {
            throw new DomainException("Codex.AmendmentUnchanged", "The amendment changes nothing: edit the draft first.");
        }

        EarlierRevisions = [.. EarlierRevisions, new ProposalRevision(Revision, Title, Rationale, Sections, UpdatedAt, amendedBy, now)];
        Sections = codex.Draft;
        Rationale = rationale.Trim();
        Revision++;
        UpdatedAt = now;
    }

    public void Withdraw(Guid withdrawnBy, bool byLeadOfUnit, DateTimeOffset now)
    {
        EnsureMayBeChangedBy(withdrawnBy, byLeadOfUnit);
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

    /// <summary>A round decides on the proposal's current text, and opens only while the proposal is open.</summary>
    public int RevisionForRound()
    {
        EnsureOpen();
        return Revision;
    }

    internal void MarkPublished(int version)
    {
        EnsureOpen();
        Status = ProposalStatus.Published;
        PublishedAsVersion = version;
    }

    private void EnsureMayBeChangedBy(Guid personId, bool isLeadOfUnit)
    {
        if (!MayBeChangedBy(personId, isLeadOfUnit))
        {
            throw new ForbiddenException();
        }
    }

    private void EnsureOpen()
    {
        if (Status != ProposalStatus.Open)
        {
            throw new DomainException("Codex.ProposalClosed", "This proposal is no longer open.");
        }
    }
}

/// <summary>
/// The text a proposal had up to an amendment: its revision number, title, rationale and sections,
/// since when it stood, and who replaced it when.
/// </summary>
public sealed record ProposalRevision(
    int Number, string Title, string Rationale, IReadOnlyList<CodexSection> Sections, DateTimeOffset Since, Guid ReplacedBy, DateTimeOffset ReplacedAt);

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
