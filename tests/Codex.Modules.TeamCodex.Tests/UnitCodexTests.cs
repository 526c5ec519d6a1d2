using Codex.Modules.TeamCodex.Domain;
using static Codex.Modules.TeamCodex.Tests.CodexFixture;

namespace Codex.Modules.TeamCodex.Tests;

/// <summary>The codex of a unit: its draft, binding sections, review cadence and publication.</summary>
public sealed class UnitCodexTests
{
    [Fact]
    public void A_new_codex_starts_from_the_template_as_revision_one_with_a_review_in_six_months()
    {
        var (codex, first) = UnitCodex.Create(Guid.NewGuid(), isTeam: true, Lead, Now, Guid.NewGuid);

        Assert.Equal(1, codex.DraftRevision);
        Assert.Equal((1, Lead), (first.Number, first.AuthorId));
        Assert.Equal(codex.Draft, first.Sections);
        Assert.Contains(codex.Draft, s => s.Title == "Zweck");
        Assert.DoesNotContain(codex.Draft, s => s.IsBinding);
        Assert.Null(codex.VersionInForce);
        Assert.Equal(6, codex.ReviewCadenceMonths);
        Assert.Equal(Today.AddMonths(6), codex.NextReviewOn);
    }

    [Fact]
    public void Saving_on_the_current_revision_makes_the_next_revision()
    {
        var codex = Team();
        var sections = new[] { Section("Zweck", "Wir pflegen im Norden der Stadt.\r\n\r\n"), Section("  Abläufe ", "Übergabe um 14 Uhr.") };

        var saved = codex.SaveDraft(sections, basedOnRevision: 1, Member, authorMayEditBinding: false, Now);

        Assert.Equal((2, 2, Member), (codex.DraftRevision, saved.Number, saved.AuthorId));
        // Normalised: titles trimmed, line ends unified, trailing blank lines dropped.
        Assert.Equal(["Zweck", "Abläufe"], codex.Draft.Select(s => s.Title));
        Assert.Equal("Wir pflegen im Norden der Stadt.", codex.Draft[0].Markdown);
        Assert.Equal(codex.Draft, saved.Sections);
    }

    [Fact]
    public void Saving_on_an_outdated_revision_is_a_conflict_and_changes_nothing()
    {
        var codex = Team();
        codex.Save([Section("Zweck", "Erster Stand")]);
        var before = codex.Draft;

        var conflict = Assert.Throws<DraftConflictException>(() =>
            codex.SaveDraft([Section("Zweck", "Veralteter Stand")], basedOnRevision: 1, OtherMember, false, Now));

        Assert.Equal(2, conflict.CurrentRevision);
        Assert.Equal(2, codex.DraftRevision);
        Assert.Same(before, codex.Draft);
    }

    [Theory]
    [InlineData(0, "Codex.NoSections")]
    [InlineData(51, "Codex.TooManySections")]
    public void A_draft_has_between_one_and_fifty_sections(int count, string key)
    {
        var codex = Team();
        var sections = Enumerable.Range(1, count).Select(i => Section($"Abschnitt {i}", "Text"));

        Assert.Equal(key, Refused(() => codex.Save(sections)).MessageKey);
        Assert.Equal(1, codex.DraftRevision);
    }

    [Fact]
    public void Fifty_sections_are_allowed()
    {
        var codex = Team();

        codex.Save(Enumerable.Range(1, 50).Select(i => Section($"Abschnitt {i}", "Text")));

        Assert.Equal(50, codex.Draft.Count);
    }

    [Fact]
    public void Every_section_needs_a_title_and_appears_once()
    {
        var codex = Team();
        var section = Section("Zweck", "Text");

        Assert.Equal("Codex.SectionTitleRequired", Refused(() => codex.Save([Section("   ", "Text")])).MessageKey);
        Assert.Equal("Codex.DuplicateSection", Refused(() => codex.Save([section, section with { Title = "Kopie" }])).MessageKey);
    }

    [Fact]
    public void A_team_codex_cannot_have_binding_sections_not_even_by_its_lead()
    {
        var codex = Team();

        var error = Refused(() => codex.Save([.. codex.Draft, Section("Datenschutz", "Gilt für alle.", binding: true)], asLead: true));

        Assert.Equal("Codex.BindingOnlyAboveTeams", error.MessageKey);
        Assert.Equal(1, codex.DraftRevision);
    }

    [Fact]
    public void The_lead_of_a_department_may_add_and_change_binding_sections()
    {
        var codex = Department();
        var binding = Section("Datenschutz", "Wir geben keine Klientendaten per Messenger weiter.", binding: true);

        codex.Save([.. codex.Draft, binding], asLead: true);
        codex.Save([.. codex.Draft.SkipLast(1), binding with { Markdown = "Keine Klientendaten per Messenger oder privater Mail." }], asLead: true);

        Assert.Equal("Keine Klientendaten per Messenger oder privater Mail.", Assert.Single(codex.Draft, s => s.IsBinding).Markdown);
    }

    public static TheoryData<string> BindingChanges() => ["add", "reword", "rename", "unbind", "remove"];

    [Theory]
    [MemberData(nameof(BindingChanges))]
    public void A_member_who_is_not_lead_cannot_change_binding_sections(string change)
    {
        var codex = Department();
        var binding = Section("Datenschutz", "Keine Klientendaten per Messenger.", binding: true);
        codex.Save([.. codex.Draft, binding], asLead: true);
        var others = codex.Draft.Where(s => !s.IsBinding).ToList();
        IReadOnlyList<CodexSection> attempt = change switch
        {
            "add" => [.. codex.Draft, Section("Schweigepflicht", "Gilt immer.", binding: true)],
            "reword" => [.. others, binding with { Markdown = "Messenger sind erlaubt." }],
            "rename" => [.. others, binding with { Title = "Datenschutz (alt)" }],
            "unbind" => [.. others, binding with { IsBinding = false }],
            _ => others,
        };

        Assert.Equal("Codex.BindingLeadsOnly", Refused(() => codex.Save(attempt)).MessageKey);
        Assert.Equal(binding, Assert.Single(codex.Draft, s => s.IsBinding));
    }

    [Fact]
    public void A_member_may_edit_the_other_sections_of_a_codex_with_binding_sections()
    {
        var codex = Department();
        var binding = Section("Datenschutz", "Keine Klientendaten per Messenger.", binding: true);
        codex.Save([Section("Zweck", "Alt"), binding], asLead: true);

        codex.Save([Section("Zweck", "Neu"), binding, Section("Abläufe", "Dienstplan bis zum 20.")]);

        Assert.Equal(3, codex.Draft.Count);
        Assert.Equal(3, codex.DraftRevision);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(12)]
    [InlineData(24)]
    public void The_review_cadence_is_one_of_the_offered_choices(int months)
    {
        var codex = Team();

        codex.ChangeSettings(months, 5, 14, 60, null);

        Assert.Equal((months, 5, 14, 60), (codex.ReviewCadenceMonths, codex.ResponseReminderDaysBeforeClose, codex.AcknowledgeReminderAfterDays, codex.QuorumPercent));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-6)]
    [InlineData(9)]
    [InlineData(36)]
    public void Any_other_cadence_is_refused(int months)
    {
        var codex = Team();

        Assert.Equal("Codex.InvalidCadence", Refused(() => codex.ChangeSettings(months, 3, 7, null, null)).MessageKey);
        Assert.Equal(6, codex.ReviewCadenceMonths);
    }

    [Fact]
    public void The_next_review_date_is_kept_unless_a_new_one_is_given()
    {
        var codex = Team();
        var planned = codex.NextReviewOn;

        codex.ChangeSettings(12, 3, 7, null, null);
        Assert.Equal(planned, codex.NextReviewOn);

        codex.ChangeSettings(12, 3, 7, null, Today.AddDays(2));
        Assert.Equal(Today.AddDays(2), codex.NextReviewOn);
        Assert.False(codex.ReviewIsDue(Today.AddDays(1)));
        Assert.True(codex.ReviewIsDue(Today.AddDays(2)));
    }

    [Fact]
    public void A_proposal_needs_a_draft_that_differs_from_the_version_in_force()
    {
        var codex = Team();

        Assert.Equal("Codex.NothingToPropose", Refused(() => Propose(codex, inForce: codex.Draft)).MessageKey);

        var proposal = Propose(codex);
        Assert.Equal((1, ProposalStatus.Open, (int?)null), (proposal.Revision, proposal.Status, proposal.BasedOnVersion));
        Assert.Equal(codex.Draft, proposal.Sections);
    }

    [Fact]
    public void Amending_takes_the_current_draft_and_counts_the_revision_but_an_empty_amendment_is_refused()
    {
        var codex = Team();
        var proposal = Propose(codex);

        Assert.Equal("Codex.AmendmentUnchanged", Refused(() => proposal.Amend(codex, proposal.Rationale, Member, false, Now)).MessageKey);

        codex.EditFirstSection("Neuer Zweck");
        proposal.Amend(codex, proposal.Rationale, Member, false, Now.AddHours(1));
        Assert.Equal(2, proposal.Revision);
        Assert.Equal("Neuer Zweck", proposal.Sections[0].Markdown);
        proposal.Amend(codex, "Anders begründet", Member, false, Now.AddHours(2));
        Assert.Equal(3, proposal.Revision);
    }

    [Fact]
    public void Only_the_author_or_a_lead_may_amend_or_withdraw_a_proposal_and_a_refusal_changes_nothing()
    {
        var codex = Team();
        var proposal = Propose(codex);
        codex.EditFirstSection("Von jemand anderem umgeschrieben");

        Assert.Throws<Shared.Errors.ForbiddenException>(() => proposal.Amend(codex, "Meine Sicht", OtherMember, false, Now));
        Assert.Throws<Shared.Errors.ForbiddenException>(() => proposal.Withdraw(OtherMember, false, Now));
        Assert.Equal((1, ProposalStatus.Open, "Mündliche Übergaben gehen verloren."), (proposal.Revision, proposal.Status, proposal.Rationale));
        Assert.Empty(proposal.EarlierRevisions);

        proposal.Amend(codex, "Die Leitung fasst zusammen.", Lead, true, Now);
        Assert.Equal(2, proposal.Revision);
        proposal.Withdraw(Lead, true, Now);
        Assert.Equal(ProposalStatus.Withdrawn, proposal.Status);
    }

    [Fact]
    public void Amending_keeps_each_earlier_text_with_its_rationale_in_the_history()
    {
        var codex = Team();
        var proposal = Propose(codex);
        var first = proposal.Sections;
        codex.EditFirstSection("Zweite Fassung");

        proposal.Amend(codex, "Nach dem Einwand ergänzt.", Member, false, Now.AddHours(1));
        codex.EditFirstSection("Dritte Fassung");
        proposal.Amend(codex, "Noch einmal.", Lead, true, Now.AddHours(2));

        Assert.Equal(3, proposal.Revision);
        Assert.Equal([1, 2], proposal.EarlierRevisions.Select(r => r.Number));
        var original = proposal.EarlierRevisions[0];
        Assert.Equal((first, "Mündliche Übergaben gehen verloren.", Now, Member, Now.AddHours(1)), (original.Sections, original.Rationale, original.Since, original.ReplacedBy, original.ReplacedAt));
        Assert.Equal(("Zweite Fassung", "Nach dem Einwand ergänzt.", Lead), (proposal.EarlierRevisions[1].Sections[0].Markdown, proposal.EarlierRevisions[1].Rationale, proposal.EarlierRevisions[1].ReplacedBy));
        Assert.Equal("Dritte Fassung", proposal.Sections[0].Markdown);
    }

    [Fact]
    public void Comments_remember_the_revision_they_were_written_on_and_a_withdrawn_proposal_takes_none()
    {
        var codex = Team();
        var proposal = Propose(codex);
        proposal.Comment(Lead, "  Gute Idee.  ", Now);
        codex.EditFirstSection("Überarbeitet");
        proposal.Amend(codex, proposal.Rationale, Member, false, Now);
        proposal.Comment(OtherMember, "Noch besser.", Now);

        Assert.Equal([(1, "Gute Idee."), (2, "Noch besser.")], proposal.Comments.Select(c => (c.ProposalRevision, c.Text)));
        proposal.Withdraw(Member, false, Now);
        Assert.Equal("Codex.ProposalClosed", Refused(() => proposal.Comment(Lead, "Schade.", Now)).MessageKey);
        Assert.Equal("Codex.ProposalClosed", Refused(() => proposal.Withdraw(Member, false, Now)).MessageKey);
        Assert.Equal("Codex.ProposalClosed", Refused(() => proposal.Amend(codex, "Doch noch", Member, false, Now)).MessageKey);
    }

    [Fact]
    public void Publishing_after_consent_makes_version_one_in_force_and_moves_the_next_review()
    {
        var codex = Team();
        codex.ChangeSettings(3, 3, 7, null, null);
        codex.EditFirstSection("Unser Zweck");
        var proposal = Propose(codex);
        var round = ConsentedRound(codex, proposal);
        var publishedAt = Now.AddDays(10);

        var version = codex.Publish(proposal, round, "  Erste Fassung. ", Lead, publishedAt);

        Assert.Equal((1, (int?)1), (version.Number, codex.VersionInForce));
        Assert.Equal(proposal.Sections, version.Sections);
        Assert.Equal("Erste Fassung.", version.ChangeSummary);
        Assert.Equal(round.OutcomeStatement, version.RoundOutcome);
        Assert.Equal((ProposalStatus.Published, (int?)1), (proposal.Status, proposal.PublishedAsVersion));
        Assert.Equal(Today.AddDays(10).AddMonths(3), codex.NextReviewOn);
        var published = Assert.IsType<CodexVersionPublished>(Assert.Single(codex.DomainEvents));
        Assert.Equal((codex.Id, codex.OrgUnitId, 1), (published.CodexId, published.OrgUnitId, published.Number));
    }

    [Fact]
    public void Versions_are_numbered_one_after_another_and_proposals_record_the_version_they_were_based_on()
    {
        var codex = Team();
        var numbers = new List<int>();
        IReadOnlyList<CodexSection> inForce = [];
        for (var i = 1; i <= 3; i++)
        {
            codex.EditFirstSection($"Fassung {i}");
            var proposal = Propose(codex, inForce);
            Assert.Equal(i == 1 ? (int?)null : i - 1, proposal.BasedOnVersion);
            var version = codex.Publish(proposal, ConsentedRound(codex, proposal), $"Fassung {i}", Lead, Now);
            numbers.Add(version.Number);
            inForce = version.Sections;
        }

        Assert.Equal([1, 2, 3], numbers);
        Assert.Equal(3, codex.VersionInForce);
    }

    public static TheoryData<RoundOutcome> RefusingOutcomes() =>
        [RoundOutcome.ObjectionUnresolved, RoundOutcome.QuorumNotReached, RoundOutcome.Withdrawn];

    [Theory]
    [MemberData(nameof(RefusingOutcomes))]
    public void Publishing_without_consent_is_refused(RoundOutcome outcome)
    {
        var codex = Team();
        codex.ChangeSettings(6, 3, 7, 100, null);
        codex.EditFirstSection("Unser Zweck");
        var proposal = Propose(codex);
        var round = OpenRound(codex, proposal);
        if (outcome == RoundOutcome.ObjectionUnresolved)
        {
            round.Respond(Lead, ResponseKind.Consent, null, Now);
            round.Respond(OtherMember, ResponseKind.Consent, null, Now);
            round.Respond(Member, ResponseKind.Objection, "So nicht.", Now);
        }

        Assert.Equal(outcome, round.Close(Now, proposalWithdrawn: outcome == RoundOutcome.Withdrawn));
        codex.RoundClosed(round, Now);

        Assert.Equal("Codex.ConsentMissing", Refused(() => codex.Publish(proposal, round, "Trotzdem", Lead, Now)).MessageKey);
        AssertNothingPublished(codex, proposal);
    }

    [Fact]
    public void Publishing_while_the_round_is_still_open_is_refused()
    {
        var codex = Team();
        codex.EditFirstSection("Unser Zweck");
        var proposal = Propose(codex);
        var round = OpenRound(codex, proposal);

        Assert.Equal("Codex.ConsentMissing", Refused(() => codex.Publish(proposal, round, "Zu früh", Lead, Now)).MessageKey);
        AssertNothingPublished(codex, proposal);
    }

    [Fact]
    public void Publishing_a_proposal_amended_after_the_consent_is_refused_because_nobody_consented_to_the_new_text()
    {
        var codex = Team();
        codex.EditFirstSection("Unser Zweck");
        var proposal = Propose(codex);
        var round = ConsentedRound(codex, proposal);
        codex.EditFirstSection("Heimlich geändert");
        proposal.Amend(codex, proposal.Rationale, Member, false, Now);

        Assert.Equal("Codex.ConsentMissing", Refused(() => codex.Publish(proposal, round, "Veraltet", Lead, Now)).MessageKey);
        AssertNothingPublished(codex, proposal);
    }

    [Fact]
    public void Publishing_with_the_round_of_another_proposal_is_refused()
    {
        var codex = Team();
        codex.EditFirstSection("Unser Zweck");
        var consented = Propose(codex);
        var round = ConsentedRound(codex, consented);
        var other = Propose(codex);

        Assert.Equal("Codex.ProposalMismatch", Refused(() => codex.Publish(other, round, "Falsche Runde", Lead, Now)).MessageKey);
        AssertNothingPublished(codex, other);
    }

    [Fact]
    public void A_published_proposal_cannot_be_published_again_and_the_codex_keeps_its_version()
    {
        var codex = Team();
        codex.EditFirstSection("Unser Zweck");
        var proposal = Propose(codex);
        var round = ConsentedRound(codex, proposal);
        codex.Publish(proposal, round, "Erste Fassung", Lead, Now);
        var nextReview = codex.NextReviewOn;

        Assert.Equal("Codex.ProposalClosed", Refused(() => codex.Publish(proposal, round, "Noch einmal", Lead, Now.AddDays(30))).MessageKey);

        Assert.Equal(1, codex.VersionInForce);
        Assert.Equal(nextReview, codex.NextReviewOn);
        Assert.Equal(1, proposal.PublishedAsVersion);
    }

    [Fact]
    public void A_round_opens_only_on_an_open_proposal_and_decides_on_its_current_text()
    {
        var codex = Team();
        var proposal = Propose(codex);
        codex.EditFirstSection("Überarbeitet");
        proposal.Amend(codex, proposal.Rationale, Member, false, Now);

        Assert.Equal(2, proposal.RevisionForRound());

        proposal.Withdraw(Member, false, Now);
        Assert.Equal("Codex.ProposalClosed", Refused(() => proposal.RevisionForRound()).MessageKey);
    }

    [Fact]
    public void No_round_opens_on_a_published_proposal()
    {
        var codex = Team();
        codex.EditFirstSection("Unser Zweck");
        var proposal = Propose(codex);
        codex.Publish(proposal, ConsentedRound(codex, proposal), "Erste Fassung", Lead, Now);

        Assert.Equal("Codex.ProposalClosed", Refused(() => proposal.RevisionForRound()).MessageKey);
    }

    [Fact]
    public void Publishing_while_its_round_is_still_open_closes_the_round_first_and_publishes_when_nobody_objects()
    {
        var codex = Team();
        codex.EditFirstSection("Unser Zweck");
        var proposal = Propose(codex);
        var round = OpenRound(codex, proposal);
        round.Respond(Lead, ResponseKind.Consent, null, Now);
        round.Respond(Member, ResponseKind.Consent, null, Now);

        var version = codex.PublishClosingItsRound(proposal, round, "Erste Fassung", Lead, Now.AddDays(2));

        Assert.Equal(RoundOutcome.Consented, round.Outcome);
        Assert.False(round.IsOpen);
        Assert.Null(codex.OpenRoundId);
        Assert.Equal((1, (int?)1), (version.Number, codex.VersionInForce));
        Assert.Equal((ProposalStatus.Published, (int?)1), (proposal.Status, proposal.PublishedAsVersion));
    }

    [Fact]
    public void Publishing_is_refused_while_an_objection_stands_and_the_round_stays_open_for_an_amendment()
    {
        var codex = Team();
        codex.EditFirstSection("Unser Zweck");
        var proposal = Propose(codex);
        var round = OpenRound(codex, proposal);
        round.Respond(Lead, ResponseKind.Consent, null, Now);
        round.Respond(Member, ResponseKind.Objection, "So nicht.", Now);

        Assert.Equal("Codex.ObjectionUnresolved", Refused(() => codex.PublishClosingItsRound(proposal, round, "Trotzdem", Lead, Now)).MessageKey);

        Assert.True(round.IsOpen);
        Assert.Equal(round.Id, codex.OpenRoundId);
        AssertNothingPublished(codex, proposal);
    }

    [Fact]
    public void Publishing_on_a_round_that_already_ended_without_consent_is_refused()
    {
        var codex = Team();
        codex.EditFirstSection("Unser Zweck");
        var proposal = Propose(codex);
        var round = OpenRound(codex, proposal);
        round.Respond(Member, ResponseKind.Objection, "So nicht.", Now);
        codex.CloseRound(round, Now);

        Assert.Equal("Codex.ConsentMissing", Refused(() => codex.PublishClosingItsRound(proposal, round, "Trotzdem", Lead, Now)).MessageKey);
        AssertNothingPublished(codex, proposal);
    }

    private static ReviewRound ConsentedRound(UnitCodex codex, ChangeProposal proposal)
    {
        var round = OpenRound(codex, proposal);
        round.Respond(Lead, ResponseKind.Consent, null, Now);
        round.Respond(Member, ResponseKind.Consent, null, Now);
        Assert.Equal(RoundOutcome.Consented, round.Close(Now));
        codex.RoundClosed(round, Now);
        return round;
    }

    private static void AssertNothingPublished(UnitCodex codex, ChangeProposal proposal)
    {
        Assert.Null(codex.VersionInForce);
        Assert.Equal(ProposalStatus.Open, proposal.Status);
        Assert.Null(proposal.PublishedAsVersion);
        Assert.DoesNotContain(codex.DomainEvents, e => e is CodexVersionPublished);
    }
}
