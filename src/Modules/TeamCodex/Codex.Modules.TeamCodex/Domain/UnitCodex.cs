using Codex.Shared.Domain;
using Codex.Shared.Time;

namespace Codex.Modules.TeamCodex.Domain;

/// <summary>
/// The codex ("Leitlinien der Zusammenarbeit") of one org unit: the working draft its members
/// edit, the number of the version in force, and when the team reviews it next.
/// Named UnitCodex because "Codex" is the product's root namespace.
/// </summary>
public sealed class UnitCodex : AggregateRoot
{
    public static readonly IReadOnlyList<int> CadenceChoices = [3, 6, 12, 24];

    private UnitCodex()
    {
    }

    public Guid OrgUnitId { get; private set; }

    /// <summary>Whether the unit is a team (binding sections exist only in organisation and department codices).</summary>
    public bool IsTeam { get; private set; }

    public IReadOnlyList<CodexSection> Draft { get; private set; } = [];

    /// <summary>Counts draft saves; an editor saves against the revision they started from.</summary>
    public int DraftRevision { get; private set; }

    public int? VersionInForce { get; private set; }

    public int ReviewCadenceMonths { get; private set; }

    public DateOnly NextReviewOn { get; private set; }

    /// <summary>The review round currently running, if any: at most one per codex.</summary>
    public Guid? OpenRoundId { get; private set; }

    public int ResponseReminderDaysBeforeClose { get; private set; }

    public int AcknowledgeReminderAfterDays { get; private set; }

    /// <summary>Share of participants (percent) that must respond for a round to count; null for none.</summary>
    public int? QuorumPercent { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static (UnitCodex Codex, DraftRevision FirstRevision) Create(
        Guid orgUnitId, bool isTeam, Guid authorId, DateTimeOffset now, Func<Guid> newId)
    {
        var codex = new UnitCodex
        {
            Id = newId(),
            OrgUnitId = orgUnitId,
            IsTeam = isTeam,
            Draft = CodexTemplate.Sections(newId),
            DraftRevision = 1,
            ReviewCadenceMonths = 6,
            NextReviewOn = OrganisationTime.Today(now).AddMonths(6),
            ResponseReminderDaysBeforeClose = 3,
            AcknowledgeReminderAfterDays = 7,
            CreatedAt = now,
        };
        return (codex, new DraftRevision(codex.Id, 1, codex.Draft, authorId, now));
    }

    /// <summary>
    /// Saves the draft as a new revision. A save based on an older revision is refused: someone
    /// else saved in between, and the editor must see their change before deciding.
    /// </summary>
    public DraftRevision SaveDraft(
        IEnumerable<CodexSection> sections, int basedOnRevision, Guid authorId, bool authorMayEditBinding, DateTimeOffset now)
    {
        if (basedOnRevision != DraftRevision)
        {
            throw new DraftConflictException(Id, DraftRevision);
        }

        var normalised = CodexSections.Normalise(sections);
        if (IsTeam && normalised.Any(s => s.IsBinding))
        {
            throw new DomainException("Codex.BindingOnlyAboveTeams", "Only organisation and department codices can have binding sections.");
        }

        if (!authorMayEditBinding && !BindingSectionsUnchanged(Draft, normalised))
        {
            throw new DomainException("Codex.BindingLeadsOnly", "Only the unit's leads may change binding sections.");
        }

        Draft = normalised;
        DraftRevision++;
        return new DraftRevision(Id, DraftRevision, Draft, authorId, now);
    }

    public void ChangeSettings(int cadenceMonths, int responseReminderDays, int acknowledgeReminderDays, int? quorumPercent, DateOnly? nextReviewOn)
    {
        if (!CadenceChoices.Contains(cadenceMonths))
        {
            throw new DomainException("Codex.InvalidCadence", "The review cadence must be 3, 6, 12 or 24 months.");
        }

        ReviewCadenceMonths = cadenceMonths;
        ResponseReminderDaysBeforeClose = responseReminderDays;
        AcknowledgeReminderAfterDays = acknowledgeReminderDays;
        QuorumPercent = quorumPercent;
        if (nextReviewOn is { } date)
        {
            NextReviewOn = date;
        }
    }

    public bool ReviewIsDue(DateOnly today) => OpenRoundId is null && NextReviewOn <= today;

    public ReviewRound OpenRound(Guid roundId, Guid? proposalId, int proposalRevision, IReadOnlyCollection<Guid> participants, DateOnly closesOn, Guid? openedBy, DateTimeOffset now)
    {
        if (OpenRoundId is not null)
        {
            throw new DomainException("Codex.RoundAlreadyOpen", "A review round is already running for this codex.");
        }

        var round = ReviewRound.Open(roundId, Id, proposalId, proposalRevision, participants, closesOn, QuorumPercent, openedBy, now);
        OpenRoundId = round.Id;
        return round;
    }

    /// <summary>
    /// Closes a round of this codex in one step: the round states its outcome, and the codex is free for the next round
    /// (after a review without a proposal, the next review moves on by the cadence).
    /// </summary>
    public RoundOutcome CloseRound(ReviewRound round, DateTimeOffset now, bool proposalWithdrawn = false)
    {
        var outcome = round.Close(now, proposalWithdrawn);
        RoundClosed(round, now);
        return outcome;
    }

    /// <summary>The round ended: without a change the version in force stays and the next review moves on.</summary>
    public void RoundClosed(ReviewRound round, DateTimeOffset now)
    {
        if (OpenRoundId == round.Id)
        {
            OpenRoundId = null;
        }

        if (round.ProposalId is null)
        {
            NextReviewOn = OrganisationTime.Today(now).AddMonths(ReviewCadenceMonths);
        }
    }

    /// <summary>
    /// A lead publishes a proposal on the outcome of its latest round. If that round is still open, it closes now,
    /// unless an objection stands: then publication is refused and the round stays open. Otherwise as <see cref="Publish"/>.
    /// </summary>
    public CodexVersion PublishClosingItsRound(ChangeProposal proposal, ReviewRound latestRound, string changeSummary, Guid publishedBy, DateTimeOffset now)
    {
        if (latestRound.IsOpen)
        {
            if (latestRound.HasUnresolvedObjection)
            {
                throw new DomainException("Codex.ObjectionUnresolved", "An objection is unresolved: amend the proposal and ask for consent again.");
            }

            CloseRound(latestRound, now);
        }

        return Publish(proposal, latestRound, changeSummary, publishedBy, now);
    }

    /// <summary>Publishes the proposal's sections as the next immutable version, which comes into force at once.</summary>
    public CodexVersion Publish(ChangeProposal proposal, ReviewRound round, string changeSummary, Guid publishedBy, DateTimeOffset now)
    {
        if (proposal.CodexId != Id || round.ProposalId != proposal.Id)
        {
            throw new DomainException("Codex.ProposalMismatch", "The proposal does not belong to this round or codex.");
        }

        if (round.Outcome != RoundOutcome.Consented || round.ProposalRevision != proposal.Revision)
        {
            throw new DomainException("Codex.ConsentMissing", "A proposal can be published only after a review round ended with consent to its current text.");
        }

        var number = (VersionInForce ?? 0) + 1;

        // First, as it refuses a proposal that is no longer open: the codex must not change then.
        proposal.MarkPublished(number);
        var version = new CodexVersion(Id, number, proposal.Sections, changeSummary.Trim(), publishedBy, now, round.OutcomeStatement ?? "");
        VersionInForce = number;
        NextReviewOn = OrganisationTime.Today(now).AddMonths(ReviewCadenceMonths);
        Raise(new CodexVersionPublished(Id, OrgUnitId, number, now));
        return version;
    }

    private static bool BindingSectionsUnchanged(IReadOnlyList<CodexSection> before, IReadOnlyList<CodexSection> after)
    {
        var oldBinding = before.Where(s => s.IsBinding).ToDictionary(s => s.Id);
        var newBinding = after.Where(s => s.IsBinding).ToDictionary(s => s.Id);
        var unbound = after.Where(s => !s.IsBinding && oldBinding.ContainsKey(s.Id));
        return !unbound.Any()
            && oldBinding.Count == newBinding.Count
            && oldBinding.All(o => newBinding.TryGetValue(o.Key, out var n) && n == o.Value);
    }
}

/// <summary>The draft was saved by someone else since the editor loaded it.</summary>
public sealed class DraftConflictException(Guid codexId, int currentRevision)
    : Exception($"The draft of codex {codexId} is at revision {currentRevision} now.")
{
    public int CurrentRevision { get; } = currentRevision;
}

public sealed record CodexVersionPublished(Guid CodexId, Guid OrgUnitId, int Number, DateTimeOffset At) : IDomainEvent;
