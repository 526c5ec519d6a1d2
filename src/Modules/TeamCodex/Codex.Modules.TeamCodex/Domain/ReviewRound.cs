using Codex.Shared.Domain;
using Codex.Shared.Time;

namespace Codex.Modules.TeamCodex.Domain;

public enum ResponseKind
{
    Consent,
    ConsentWithConcerns,
    Objection,
    Abstention,
}

public enum RoundOutcome
{
    /// <summary>A proposal got consent: no objection and the quorum reached. It can be published.</summary>
    Consented,

    /// <summary>An objection was still standing at the end: the proposal must be amended.</summary>
    ObjectionUnresolved,

    /// <summary>Too few participants responded for the round to count.</summary>
    QuorumNotReached,

    /// <summary>A review without a proposal: the codex stays as it is.</summary>
    NoChangeNeeded,

    /// <summary>A review without a proposal in which someone asked for a change.</summary>
    ChangesRequested,

    /// <summary>The proposal was withdrawn while the round was running.</summary>
    Withdrawn,
}

/// <summary>
/// A consent-based review of a codex, as in sociocratic decision-making: the members at opening
/// respond until the closing date; a standing objection blocks, everything else is consent.
/// A round either reviews a proposal (which can then be published) or the codex as it is.
/// </summary>
public sealed class ReviewRound : AggregateRoot
{
    public const int ReasonMaxLength = 4000;

    private readonly List<RoundParticipant> _participants = [];
    private readonly List<RoundResponse> _responses = [];

    private ReviewRound()
    {
    }

    public Guid CodexId { get; private set; }

    public Guid? ProposalId { get; private set; }

    /// <summary>The proposal text being decided on; amending the proposal asks everyone again.</summary>
    public int ProposalRevision { get; private set; }

    public DateOnly ClosesOn { get; private set; }

    public int? QuorumPercent { get; private set; }

    /// <summary>Who opened it; null when the review cadence opened it.</summary>
    public Guid? OpenedBy { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public RoundOutcome? Outcome { get; private set; }

    public string? OutcomeStatement { get; private set; }

    public bool IsOpen => ClosedAt is null;

    public IReadOnlyList<RoundParticipant> Participants => _participants;

    /// <summary>Every response ever given, including those to earlier proposal revisions.</summary>
    public IReadOnlyList<RoundResponse> Responses => _responses;

    internal static ReviewRound Open(
        Guid id, Guid codexId, Guid? proposalId, int proposalRevision, IReadOnlyCollection<Guid> participants,
        DateOnly closesOn, int? quorumPercent, Guid? openedBy, DateTimeOffset now)
    {
        if (participants.Count == 0)
        {
            throw new DomainException("Codex.NoParticipants", "The unit has no members who could take part in a review.");
        }

        if (closesOn <= OrganisationTime.Today(now))
        {
            throw new DomainException("Codex.ClosingDateInPast", "The closing date must be in the future.");
        }

        var round = new ReviewRound
        {
            Id = id,
            CodexId = codexId,
            ProposalId = proposalId,
            ProposalRevision = proposalRevision,
            ClosesOn = closesOn,
            QuorumPercent = quorumPercent,
            OpenedBy = openedBy,
            OpenedAt = now,
        };
        round._participants.AddRange(participants.Distinct().Select(p => new RoundParticipant(id, p)));
        round.Raise(new ReviewRoundOpened(id, codexId, now));
        return round;
    }

    public bool IsParticipant(Guid personId) => _participants.Any(p => p.PersonId == personId);

    /// <summary>
    /// Each participant's latest response to the text currently being decided on. Someone who left
    /// the organisation while the round was open is no participant any more: what they said stays in
    /// <see cref="Responses"/>, but does not count.
    /// </summary>
    public IReadOnlyDictionary<Guid, RoundResponse> CurrentResponses() =>
        _responses
            .Where(r => r.ProposalRevision == ProposalRevision && IsParticipant(r.PersonId))
            .GroupBy(r => r.PersonId)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.RespondedAt).ThenBy(r => r.Sequence).Last());

    public bool HasUnresolvedObjection => CurrentResponses().Values.Any(r => r.Kind == ResponseKind.Objection);

    public bool QuorumReached
    {
        get
        {
            if (QuorumPercent is not { } quorum)
            {
                return true;
            }

            return CurrentResponses().Count * 100 >= quorum * _participants.Count;
        }
    }

    /// <summary>
    /// Records a participant's response. A later response replaces the earlier one (an objector
    /// may consent once the proposal meets their concern); the earlier one stays in the history.
    /// </summary>
    public RoundResponse Respond(Guid personId, ResponseKind kind, string? reason, DateTimeOffset now)
    {
        EnsureOpen();
        if (!IsParticipant(personId))
        {
            throw new DomainException("Codex.NotAParticipant", "Only the members at the opening of the round take part in it.");
        }

        var text = reason?.Trim() ?? "";
        if (kind == ResponseKind.Objection && text.Length == 0)
        {
            throw new DomainException("Codex.ObjectionNeedsReason", "An objection needs a reason.");
        }

        var response = new RoundResponse(Guid.NewGuid(), Id, personId, kind, text, ProposalRevision, _responses.Count + 1, now);
        _responses.Add(response);
        return response;
    }

    /// <summary>The proposal was amended: earlier responses no longer count, everyone is asked again.</summary>
    public void AskAgain(int proposalRevision)
    {
        EnsureOpen();
        ProposalRevision = proposalRevision;
    }

    /// <summary>
    /// The person left the organisation: from now on they are not asked, not reminded and not counted
    /// for the quorum. Closed rounds are the record of a decision and stay as they were.
    /// </summary>
    /// <returns>Whether anything changed (false for a closed round or someone who was not taking part).</returns>
    public bool RemoveParticipant(Guid personId)
    {
        if (!IsOpen)
        {
            return false;
        }

        return _participants.RemoveAll(p => p.PersonId == personId) > 0;
    }

    public void ExtendTo(DateOnly closesOn, DateTimeOffset now)
    {
        EnsureOpen();
        if (closesOn <= OrganisationTime.Today(now))
        {
            throw new DomainException("Codex.ClosingDateInPast", "The closing date must be in the future.");
        }

        ClosesOn = closesOn;
    }

    /// <summary>Responses are accepted through the closing date; the round ends the day after.</summary>
    public bool IsExpired(DateOnly today) => IsOpen && ClosesOn < today;

    /// <summary>Ends the round and states its outcome, which every participant is told.</summary>
    public RoundOutcome Close(DateTimeOffset now, bool proposalWithdrawn = false)
    {
        EnsureOpen();
        Outcome = (proposalWithdrawn, ProposalId, HasUnresolvedObjection, QuorumReached) switch
        {
            (true, _, _, _) => RoundOutcome.Withdrawn,
            (_, _, _, false) => RoundOutcome.QuorumNotReached,
            (_, not null, true, _) => RoundOutcome.ObjectionUnresolved,
            (_, not null, false, _) => RoundOutcome.Consented,
            (_, null, true, _) => RoundOutcome.ChangesRequested,
            (_, null, false, _) => RoundOutcome.NoChangeNeeded,
        };
        OutcomeStatement = DescribeOutcome(english: false);
        ClosedAt = now;
        Raise(new ReviewRoundClosed(Id, CodexId, Outcome.Value, now));
        return Outcome.Value;
    }

    /// <summary>The outcome statement of a closed round (German is what <see cref="OutcomeStatement"/> keeps).</summary>
    public string DescribeOutcome(bool english)
    {
        if (Outcome is not { } outcome)
        {
            throw new InvalidOperationException("Only a closed round has an outcome.");
        }

        var counts = CurrentResponses().Values.GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => g.Count());
        return RoundStatement.Describe(outcome, _participants.Count, counts, english);
    }

    private void EnsureOpen()
    {
        if (!IsOpen)
        {
            throw new DomainException("Codex.RoundClosed", "This review round is closed.");
        }
    }
}

public sealed class RoundParticipant(Guid roundId, Guid personId)
{
    public Guid RoundId { get; private set; } = roundId;

    public Guid PersonId { get; private set; } = personId;
}

public sealed class RoundResponse(Guid id, Guid roundId, Guid personId, ResponseKind kind, string reason, int proposalRevision, int sequence, DateTimeOffset respondedAt)
{
    public Guid Id { get; private set; } = id;

    public Guid RoundId { get; private set; } = roundId;

    public Guid PersonId { get; private set; } = personId;

    public ResponseKind Kind { get; private set; } = kind;

    public string Reason { get; private set; } = reason;

    public int ProposalRevision { get; private set; } = proposalRevision;

    /// <summary>Orders responses given within the same clock tick.</summary>
    public int Sequence { get; private set; } = sequence;

    public DateTimeOffset RespondedAt { get; private set; } = respondedAt;
}

/// <summary>
/// The outcome statement: stored in the organisation's language (German) as the record of the
/// decision; the English wording is for the outcome mail of English-speaking participants.
/// </summary>
public static class RoundStatement
{
    public static string Describe(RoundOutcome outcome, int participants, IReadOnlyDictionary<ResponseKind, int> counts, bool english = false)
    {
        int Count(ResponseKind kind) => counts.TryGetValue(kind, out var n) ? n : 0;
        var (consent, concerns, objection, abstention) =
            (Count(ResponseKind.Consent), Count(ResponseKind.ConsentWithConcerns), Count(ResponseKind.Objection), Count(ResponseKind.Abstention));
        var tally = english
            ? $"{consent} consent, {concerns} consent with concerns, {objection} objection, {abstention} abstention – of {participants} participants."
            : $"{consent} Zustimmung, {concerns} Zustimmung mit Bedenken, {objection} Einwand, {abstention} Enthaltung – von {participants} Beteiligten.";
        var verdict = (outcome, english) switch
        {
            (RoundOutcome.Consented, false) => "Der Vorschlag ist im Konsent angenommen.",
            (RoundOutcome.Consented, true) => "The proposal is adopted by consent.",
            (RoundOutcome.ObjectionUnresolved, false) => "Ein Einwand ist offen geblieben; der Vorschlag wird überarbeitet.",
            (RoundOutcome.ObjectionUnresolved, true) => "An objection remained unresolved; the proposal will be revised.",
            (RoundOutcome.QuorumNotReached, false) => "Es haben zu wenige geantwortet; die Runde zählt nicht.",
            (RoundOutcome.QuorumNotReached, true) => "Too few people responded; the round does not count.",
            (RoundOutcome.NoChangeNeeded, false) => "Der Kodex bleibt unverändert in Kraft.",
            (RoundOutcome.NoChangeNeeded, true) => "The codex stays in force unchanged.",
            (RoundOutcome.ChangesRequested, false) => "Es wurden Änderungen gewünscht; bitte als Vorschlag einbringen.",
            (RoundOutcome.ChangesRequested, true) => "Changes were asked for; please bring them in as a proposal.",
            (_, false) => "Der Vorschlag wurde zurückgezogen.",
            (_, true) => "The proposal was withdrawn.",
        };
        return $"{verdict} {tally}";
    }
}

public sealed record ReviewRoundOpened(Guid RoundId, Guid CodexId, DateTimeOffset At) : IDomainEvent;

public sealed record ReviewRoundClosed(Guid RoundId, Guid CodexId, RoundOutcome Outcome, DateTimeOffset At) : IDomainEvent;
