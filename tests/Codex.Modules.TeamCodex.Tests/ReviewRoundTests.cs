using Codex.Modules.TeamCodex.Domain;
using static Codex.Modules.TeamCodex.Tests.CodexFixture;

namespace Codex.Modules.TeamCodex.Tests;

/// <summary>Consent decisions: a standing objection blocks, everything else is consent.</summary>
public sealed class ReviewRoundTests
{
    private static (UnitCodex Codex, ChangeProposal Proposal, ReviewRound Round) ProposalRound(int? quorum = null, params Guid[] participants)
    {
        var codex = Team();
        if (quorum is not null)
        {
            codex.ChangeSettings(6, 3, 7, quorum, null);
        }

        codex.EditFirstSection("Wir übergeben schriftlich im Dienstbuch.");
        var proposal = Propose(codex);
        return (codex, proposal, OpenRound(codex, proposal, participants));
    }

    [Fact]
    public void Someone_who_leaves_an_open_round_no_longer_counts_for_quorum_or_objection_but_their_response_stays_in_the_history()
    {
        var (_, _, round) = ProposalRound(quorum: 100);
        round.Respond(Member, ResponseKind.Objection, "Nachtdienste lesen das Dienstbuch nicht.", Now);
        round.Respond(Lead, ResponseKind.Consent, null, Now);

        Assert.True(round.RemoveParticipant(Member));
        Assert.False(round.RemoveParticipant(Member));

        Assert.False(round.IsParticipant(Member));
        Assert.False(round.HasUnresolvedObjection);
        Assert.False(round.QuorumReached); // 1 of the 2 remaining has responded
        Assert.Equal(ResponseKind.Objection, round.Responses.Single(r => r.PersonId == Member).Kind);
        Assert.Equal("Codex.NotAParticipant", Refused(() => round.Respond(Member, ResponseKind.Consent, null, Now)).MessageKey);

        round.Respond(OtherMember, ResponseKind.Consent, null, Now);
        Assert.Equal(RoundOutcome.Consented, round.Close(Now));
        Assert.Contains("von 2 Beteiligten", round.OutcomeStatement, StringComparison.Ordinal);
    }

    [Fact]
    public void A_closed_round_keeps_everyone_who_took_part()
    {
        var (_, _, round) = ProposalRound();
        round.Respond(Member, ResponseKind.Consent, null, Now);
        round.Close(Now);

        Assert.False(round.RemoveParticipant(Member));

        Assert.True(round.IsParticipant(Member));
        Assert.Contains("1 Zustimmung", round.DescribeOutcome(english: false), StringComparison.Ordinal);
    }

    [Fact]
    public void Everyone_consenting_is_consent()
    {
        var (_, _, round) = ProposalRound();
        round.Respond(Lead, ResponseKind.Consent, null, Now);
        round.Respond(Member, ResponseKind.ConsentWithConcerns, "Das Dienstbuch ist oft voll.", Now);
        round.Respond(OtherMember, ResponseKind.Abstention, null, Now);

        Assert.Equal(RoundOutcome.Consented, round.Close(Now));
        Assert.False(round.IsOpen);
        Assert.StartsWith("Der Vorschlag ist im Konsent angenommen.", round.OutcomeStatement, StringComparison.Ordinal);
        Assert.Contains("1 Zustimmung, 1 Zustimmung mit Bedenken, 0 Einwand, 1 Enthaltung – von 3 Beteiligten.", round.OutcomeStatement, StringComparison.Ordinal);
    }

    [Fact]
    public void The_outcome_is_also_stated_in_English_for_English_speaking_participants_while_the_record_stays_German()
    {
        var (_, _, round) = ProposalRound();
        Assert.Throws<InvalidOperationException>(() => round.DescribeOutcome(english: true));
        round.Respond(Lead, ResponseKind.Consent, null, Now);
        round.Respond(Member, ResponseKind.Objection, "Das Dienstbuch reicht nicht.", Now);

        round.Close(Now);

        Assert.Equal(
            "An objection remained unresolved; the proposal will be revised. 1 consent, 0 consent with concerns, 1 objection, 0 abstention – of 3 participants.",
            round.DescribeOutcome(english: true));
        Assert.Equal(round.OutcomeStatement, round.DescribeOutcome(english: false));
    }

    [Fact]
    public void A_single_standing_objection_blocks_the_proposal()
    {
        var (_, _, round) = ProposalRound();
        round.Respond(Lead, ResponseKind.Consent, null, Now);
        round.Respond(OtherMember, ResponseKind.Consent, null, Now);
        round.Respond(Member, ResponseKind.Objection, "Nachtdienste lesen das Dienstbuch nicht.", Now);

        Assert.True(round.HasUnresolvedObjection);
        Assert.Equal(RoundOutcome.ObjectionUnresolved, round.Close(Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_objection_without_a_reason_is_refused(string? reason)
    {
        var (_, _, round) = ProposalRound();

        var error = Refused(() => round.Respond(Member, ResponseKind.Objection, reason, Now));

        Assert.Equal("Codex.ObjectionNeedsReason", error.MessageKey);
        Assert.Empty(round.Responses);
    }

    [Fact]
    public void An_objector_who_consents_later_resolves_the_objection_even_within_the_same_clock_tick()
    {
        var (_, _, round) = ProposalRound();
        round.Respond(Member, ResponseKind.Objection, "Zu ungenau.", Now);
        round.Respond(Member, ResponseKind.Consent, null, Now);

        Assert.False(round.HasUnresolvedObjection);
        Assert.Equal(2, round.Responses.Count);
        Assert.Equal(RoundOutcome.Consented, round.Close(Now));
    }

    [Fact]
    public void Amending_the_proposal_asks_everyone_again_and_earlier_responses_no_longer_count()
    {
        var (codex, proposal, round) = ProposalRound(quorum: 100);
        round.Respond(Lead, ResponseKind.Consent, null, Now);
        round.Respond(Member, ResponseKind.Objection, "Nachtdienste lesen das Dienstbuch nicht.", Now);
        round.Respond(OtherMember, ResponseKind.Consent, null, Now);

        codex.EditFirstSection("Wir übergeben schriftlich im Dienstbuch und in der Dienst-App.");
        proposal.Amend(codex, "Auch die Nachtdienste erreichen wir so.", Member, false, Now);
        round.AskAgain(proposal.Revision);

        Assert.Equal(2, proposal.Revision);
        Assert.Empty(round.CurrentResponses());
        Assert.False(round.HasUnresolvedObjection);
        Assert.False(round.QuorumReached);
        round.Respond(Lead, ResponseKind.Consent, null, Now);
        round.Respond(Member, ResponseKind.Consent, null, Now);
        round.Respond(OtherMember, ResponseKind.Consent, null, Now);
        Assert.Equal(RoundOutcome.Consented, round.Close(Now));
        Assert.Equal(6, round.Responses.Count);
    }

    [Fact]
    public void Consent_to_an_earlier_revision_does_not_carry_over_to_the_amended_one()
    {
        var (codex, proposal, round) = ProposalRound(quorum: 50, Lead, Member);
        round.Respond(Lead, ResponseKind.Consent, null, Now);
        round.Respond(Member, ResponseKind.Consent, null, Now);
        codex.EditFirstSection("Geänderter Text.");
        proposal.Amend(codex, "Neu gefasst.", Member, false, Now);
        round.AskAgain(proposal.Revision);

        Assert.Equal(RoundOutcome.QuorumNotReached, round.Close(Now));
    }

    [Theory]
    [InlineData(50, 1, RoundOutcome.QuorumNotReached)]
    [InlineData(50, 2, RoundOutcome.Consented)]
    [InlineData(75, 2, RoundOutcome.QuorumNotReached)]
    [InlineData(75, 3, RoundOutcome.Consented)]
    [InlineData(100, 3, RoundOutcome.QuorumNotReached)]
    [InlineData(100, 4, RoundOutcome.Consented)]
    public void The_quorum_counts_the_share_of_participants_who_responded(int quorum, int responding, RoundOutcome expected)
    {
        Guid[] participants = [Lead, Member, OtherMember, Guid.NewGuid()];
        var (_, _, round) = ProposalRound(quorum, participants);
        foreach (var person in participants.Take(responding))
        {
            // Abstaining is a response too: it counts for the quorum.
            round.Respond(person, person == Lead ? ResponseKind.Abstention : ResponseKind.Consent, null, Now);
        }

        Assert.Equal(expected, round.Close(Now));
    }

    [Fact]
    public void Without_a_quorum_setting_silence_is_consent()
    {
        var (_, _, round) = ProposalRound();

        Assert.True(round.QuorumReached);
        Assert.Equal(RoundOutcome.Consented, round.Close(Now));
    }

    [Fact]
    public void A_missed_quorum_wins_over_an_objection()
    {
        var (_, _, round) = ProposalRound(quorum: 100);
        round.Respond(Member, ResponseKind.Objection, "Nein.", Now);

        Assert.Equal(RoundOutcome.QuorumNotReached, round.Close(Now));
    }

    [Fact]
    public void A_withdrawn_proposal_ends_its_round_as_withdrawn_whatever_was_said()
    {
        var (_, proposal, round) = ProposalRound();
        round.Respond(Lead, ResponseKind.Consent, null, Now);
        proposal.Withdraw(Member, false, Now);

        Assert.Equal(RoundOutcome.Withdrawn, round.Close(Now, proposalWithdrawn: true));
        Assert.Equal(ProposalStatus.Withdrawn, proposal.Status);
    }

    [Fact]
    public void A_review_without_a_proposal_and_without_objection_keeps_the_codex_and_moves_the_next_review_by_the_cadence()
    {
        var codex = Team();
        codex.ChangeSettings(12, 3, 7, null, Today);
        var round = OpenRound(codex, null);
        round.Respond(Member, ResponseKind.Consent, null, Now);
        var closedAt = Now.AddDays(15);

        Assert.Equal(RoundOutcome.NoChangeNeeded, round.Close(closedAt));
        codex.RoundClosed(round, closedAt);

        Assert.Equal(Today.AddDays(15).AddMonths(12), codex.NextReviewOn);
        Assert.Null(codex.OpenRoundId);
        Assert.False(codex.ReviewIsDue(Today.AddDays(15)));
    }

    [Fact]
    public void A_review_without_a_proposal_in_which_someone_objects_asks_for_changes()
    {
        var codex = Team();
        var round = OpenRound(codex, null);
        round.Respond(Member, ResponseKind.Objection, "Die Übergaben klappen so nicht.", Now);

        Assert.Equal(RoundOutcome.ChangesRequested, round.Close(Now));
    }

    [Fact]
    public void A_closed_proposal_round_leaves_the_next_review_date_alone()
    {
        var (codex, _, round) = ProposalRound();
        var before = codex.NextReviewOn;
        round.Close(Now.AddDays(3));

        codex.RoundClosed(round, Now.AddDays(3));

        Assert.Equal(before, codex.NextReviewOn);
        Assert.Null(codex.OpenRoundId);
    }

    [Fact]
    public void Closing_a_round_is_one_call_on_the_codex_which_states_the_outcome_and_frees_the_codex_for_the_next_round()
    {
        var (codex, proposal, round) = ProposalRound();
        round.Respond(Member, ResponseKind.Objection, "So nicht.", Now);

        Assert.Equal(RoundOutcome.ObjectionUnresolved, codex.CloseRound(round, Now));

        Assert.False(round.IsOpen);
        Assert.Null(codex.OpenRoundId);
        var next = codex.OpenRound(Guid.NewGuid(), proposal.Id, proposal.Revision, [Lead, Member], Today.AddDays(7), Lead, Now);
        Assert.Equal(next.Id, codex.OpenRoundId);
    }

    [Fact]
    public void Closing_the_round_of_a_withdrawn_proposal_through_the_codex_ends_it_as_withdrawn()
    {
        var (codex, proposal, round) = ProposalRound();
        round.Respond(Lead, ResponseKind.Consent, null, Now);
        proposal.Withdraw(Member, false, Now);

        Assert.Equal(RoundOutcome.Withdrawn, codex.CloseRound(round, Now, proposalWithdrawn: true));
        Assert.Null(codex.OpenRoundId);
    }

    [Fact]
    public void Closing_a_review_without_a_proposal_through_the_codex_moves_the_next_review_by_the_cadence()
    {
        var codex = Team();
        codex.ChangeSettings(12, 3, 7, null, Today);
        var round = OpenRound(codex, null);
        round.Respond(Member, ResponseKind.Consent, null, Now);

        Assert.Equal(RoundOutcome.NoChangeNeeded, codex.CloseRound(round, Now.AddDays(15)));

        Assert.Equal(Today.AddDays(15).AddMonths(12), codex.NextReviewOn);
        Assert.Null(codex.OpenRoundId);
    }

    [Fact]
    public void Only_the_members_at_opening_take_part()
    {
        var (_, _, round) = ProposalRound(null, Lead, Member);
        var joinedLater = Guid.NewGuid();

        Assert.Equal("Codex.NotAParticipant", Refused(() => round.Respond(joinedLater, ResponseKind.Consent, null, Now)).MessageKey);
        Assert.Equal(2, round.Participants.Count);
    }

    [Fact]
    public void Participants_are_counted_once_even_when_listed_twice()
    {
        var (_, _, round) = ProposalRound(null, Lead, Member, Member);

        Assert.Equal(2, round.Participants.Count);
    }

    [Fact]
    public void A_closed_round_accepts_no_response_and_cannot_be_closed_again()
    {
        var (_, _, round) = ProposalRound();
        round.Close(Now);

        Assert.Equal("Codex.RoundClosed", Refused(() => round.Respond(Member, ResponseKind.Consent, null, Now)).MessageKey);
        Assert.Equal("Codex.RoundClosed", Refused(() => round.Close(Now)).MessageKey);
        Assert.Equal("Codex.RoundClosed", Refused(() => round.AskAgain(2)).MessageKey);
    }

    [Fact]
    public void Closing_raises_one_event_with_the_outcome()
    {
        var (_, _, round) = ProposalRound();
        round.ClearDomainEvents();

        round.Close(Now);

        var closed = Assert.IsType<ReviewRoundClosed>(Assert.Single(round.DomainEvents));
        Assert.Equal((round.Id, RoundOutcome.Consented), (closed.RoundId, closed.Outcome));
    }

    [Fact]
    public void A_round_needs_participants_and_a_closing_date_after_today()
    {
        Assert.Equal("Codex.NoParticipants",
            Refused(() => Team().OpenRound(Guid.NewGuid(), null, 0, [], Today.AddDays(7), Lead, Now)).MessageKey);
        Assert.Equal("Codex.ClosingDateInPast",
            Refused(() => Team().OpenRound(Guid.NewGuid(), null, 0, [Member], Today, Lead, Now)).MessageKey);
        Assert.Equal("Codex.ClosingDateInPast",
            Refused(() => Team().OpenRound(Guid.NewGuid(), null, 0, [Member], Today.AddDays(-1), Lead, Now)).MessageKey);
    }

    [Fact]
    public void Only_one_round_runs_per_codex_at_a_time()
    {
        var codex = Team();
        var first = OpenRound(codex, null);

        Assert.Equal("Codex.RoundAlreadyOpen", Refused(() => OpenRound(codex, null)).MessageKey);
        Assert.False(codex.ReviewIsDue(codex.NextReviewOn));

        first.Close(Now);
        codex.RoundClosed(first, Now);
        Assert.NotEqual(first.Id, OpenRound(codex, null).Id);
    }

    [Fact]
    public void Responses_are_accepted_through_the_closing_date_and_the_round_expires_the_day_after()
    {
        var (_, _, round) = ProposalRound();

        Assert.False(round.IsExpired(round.ClosesOn));
        Assert.True(round.IsExpired(round.ClosesOn.AddDays(1)));
    }

    [Fact]
    public void Extending_a_round_needs_a_future_date()
    {
        var (_, _, round) = ProposalRound();

        round.ExtendTo(Today.AddDays(30), Now);

        Assert.Equal(Today.AddDays(30), round.ClosesOn);
        Assert.Equal("Codex.ClosingDateInPast", Refused(() => round.ExtendTo(Today, Now)).MessageKey);
    }
}
