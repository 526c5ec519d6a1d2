using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Codex.IntegrationTests.Infrastructure;
using Codex.Modules.TeamCodex.Rendering;
using Codex.Shared.Persistence;

namespace Codex.IntegrationTests.TeamCodex;

/// <summary>The TeamCodex API end to end: the consent flow, who may do what, binding sections, export and rendering.</summary>
public abstract class TeamCodexApiTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : TeamCodexTest(provider, postgres, host)
{
    [Fact]
    public async Task The_demo_team_agrees_on_its_codex_by_consent_and_the_member_acknowledges_version_one()
    {
        var lead = await TeamLeadAsync();
        var member = await MemberAsync();
        var admin = await AdminAsync();
        var team = await admin.UnitIdAsync(DemoTeam);
        var (leadId, memberId) = await DemoPeopleAsync();
        var participants = await Eventually.HoldsAsync(
            () => admin.ParticipantsAsync(team), p => p.Count == 7, Delivery, "the demo team is known to TeamCodex");
        Assert.Equal(leadId, Assert.Single(participants, p => p.IsLead).PersonId);
        Assert.Contains(participants, p => p.PersonId == memberId && !p.IsLead);

        // The lead starts the codex; the member shapes the draft and proposes it.
        await lead.CreateCodexAsync(team);
        var draft = await member.DraftAsync(team);
        Assert.Equal((1, true), (draft.Revision, draft.IsTeam));
        Assert.Equal(2, await member.EditDraftAsync(team, "Wir pflegen Menschen im Norden der Stadt zu Hause."));
        var proposal = await member.ProposeAsync(team);

        // The lead opens a round; the member objects (a reason is required), which blocks publication.
        var round = await lead.OpenRoundAsync(team, proposal);
        var opened = await member.RoundAsync(round);
        Assert.Equal((7, 1, true), (opened.ParticipantCount, opened.ProposalRevision, opened.IAmParticipant));
        Assert.Equal(["reason"], await (await member.PostResponseAsync(round, "Objection")).AssertValidationProblemAsync());
        Assert.Equal(["reason"], await (await member.PostResponseAsync(round, "Objection", "   ")).AssertValidationProblemAsync());
        await member.RespondAsync(round, "Objection", "Die Nachtdienste fehlen: auch sie müssen wissen, wofür wir da sind.");
        await lead.RespondAsync(round, "Consent");
        Assert.True((await lead.RoundAsync(round)).HasUnresolvedObjection);
        await (await lead.PostPublishAsync(proposal)).AssertProblemAsync(HttpStatusCode.BadRequest);

        // Amending asks everyone again; both consent, and the lead publishes version 1.
        await member.EditDraftAsync(team, "Wir pflegen Menschen im Norden der Stadt zu Hause – rund um die Uhr, auch nachts.");
        var amended = await member.PostAsJsonAsync($"/api/codex/proposals/{proposal}/amend", new { text = "Nachtdienste ergänzt." });
        await amended.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(2, (await amended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revision").GetInt32());
        var askedAgain = await lead.RoundAsync(round);
        Assert.Equal((2, false), (askedAgain.ProposalRevision, askedAgain.HasUnresolvedObjection));
        Assert.Empty(askedAgain.Tally);
        await member.RespondAsync(round, "Consent");
        await lead.RespondAsync(round, "ConsentWithConcerns", "Wir prüfen das nach drei Monaten.");
        Assert.Equal(1, await lead.PublishAsync(proposal));

        var closed = await lead.RoundAsync(round);
        Assert.Equal("Consented", closed.Outcome);
        Assert.NotNull(closed.ClosedAt);
        var codex = await member.CodexAsync(team);
        Assert.Equal(1, codex.InForce?.Number);
        Assert.Equal("Wir pflegen Menschen im Norden der Stadt zu Hause – rund um die Uhr, auch nachts.", codex.InForce!.Sections[0].Markdown);
        Assert.Null(codex.OpenRoundId);
        Assert.True(codex.NeedsMyAcknowledgement);
        var published = await member.GetOkAsync<ProposalDto>($"/api/codex/proposals/{proposal}");
        Assert.Equal(("Published", 2), (published.Status, published.Revision));

        // Acknowledging: only the version in force, once.
        await (await member.PostAsJsonAsync(CodexApiClient.Url(team, "/acknowledgements"), new { version = 2 })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await member.PostAsJsonAsync(CodexApiClient.Url(team, "/acknowledgements"), new { version = 1 })).AssertStatusAsync(HttpStatusCode.NoContent);
        await (await member.PostAsJsonAsync(CodexApiClient.Url(team, "/acknowledgements"), new { version = 1 })).AssertStatusAsync(HttpStatusCode.NoContent);
        var acknowledged = await member.CodexAsync(team);
        Assert.Equal((1, false), (acknowledged.MyAcknowledgedVersion, acknowledged.NeedsMyAcknowledgement));
        var status = await lead.GetOkAsync<AcknowledgementStatusDto>(CodexApiClient.Url(team, "/acknowledgements"));
        Assert.Equal((1, 1), (status.VersionInForce, status.Confirmed));

        // Version 1 compared with the empty codex before it: every section is new.
        var diff = await member.GetOkAsync<ComparisonDto>(CodexApiClient.Url(team, "/diff?from=0&to=1"));
        Assert.Equal(codex.InForce.Sections.Count, diff.Sections.Count);
        Assert.All(diff.Sections, s => Assert.Equal("Added", s.Change));
        Assert.Equal(codex.InForce.Sections[0].Markdown, Assert.Single(diff.Sections[0].BodyPieces).Text);
    }

    [Fact]
    public async Task The_diff_between_two_versions_marks_the_changed_words()
    {
        var unit = await NewUnitAsync();
        Assert.Equal(1, await unit.PublishNewVersionAsync("Wir treffen uns montags zur Teambesprechung."));
        Assert.Equal(2, await unit.PublishNewVersionAsync("Wir treffen uns dienstags zur Teambesprechung."));

        var diff = await unit.Member.GetOkAsync<ComparisonDto>(CodexApiClient.Url(unit.UnitId, "/diff?from=1&to=2"));

        var changed = Assert.Single(diff.Sections, s => s.Change == "Changed");
        Assert.Equal("montags", Assert.Single(changed.BodyPieces, p => p.Kind == "Deleted").Text);
        Assert.Equal("dienstags", Assert.Single(changed.BodyPieces, p => p.Kind == "Inserted").Text);
        Assert.All(diff.Sections.Where(s => s != changed), s => Assert.Equal("Unchanged", s.Change));
        await (await unit.Member.GetAsync(CodexApiClient.Url(unit.UnitId, "/diff?from=1&to=3"))).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(["from"], await (await unit.Member.GetAsync(CodexApiClient.Url(unit.UnitId, "/diff?from=-1&to=2"))).AssertValidationProblemAsync());
    }

    [Fact]
    public async Task The_markdown_export_is_text_markdown_with_every_section()
    {
        var unit = await NewUnitAsync();
        await unit.PublishNewVersionAsync("Wir pflegen **gemeinsam**.");

        var response = await unit.Member.GetAsync(CodexApiClient.Url(unit.UnitId, "/versions/1/markdown"));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("kodex-version-1.md", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("# Kodex Kodex-Test Team", text, StringComparison.Ordinal);
        Assert.Contains("– Version 1", text, StringComparison.Ordinal);
        Assert.Contains("## Zweck\n\nWir pflegen **gemeinsam**.\n", text, StringComparison.Ordinal);
        foreach (var section in (await unit.Member.DraftAsync(unit.UnitId)).Sections)
        {
            Assert.Contains($"## {section.Title}\n", text, StringComparison.Ordinal);
        }

        await (await unit.Member.GetAsync(CodexApiClient.Url(unit.UnitId, "/versions/2/markdown"))).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_person_outside_the_unit_may_neither_read_nor_save_the_draft_nor_respond()
    {
        var unit = await NewUnitAsync();
        var outsider = await HumanResourcesAsync();
        var draft = await unit.Member.DraftAsync(unit.UnitId);
        var round = await unit.Lead.OpenRoundAsync(unit.UnitId, null);

        await (await outsider.GetAsync(CodexApiClient.Url(unit.UnitId, "/draft"))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await outsider.PutDraftAsync(unit.UnitId, draft.Revision, draft.WithFirstText("Von außen geändert"))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await outsider.PostResponseAsync(round, "Objection", "Ich bin dagegen.")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await outsider.PostAsJsonAsync(CodexApiClient.Url(unit.UnitId, "/proposals"), new { title = "Fremd", rationale = "Fremd" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(draft.Revision, (await unit.Member.DraftAsync(unit.UnitId)).Revision);
        Assert.Empty((await unit.Lead.RoundAsync(round)).Tally);
    }

    [Fact]
    public async Task A_member_may_neither_open_nor_close_rounds_nor_publish_nor_change_the_settings()
    {
        var unit = await NewUnitAsync();
        await unit.Member.EditDraftAsync(unit.UnitId, "Unser Zweck.");
        var proposal = await unit.Member.ProposeAsync(unit.UnitId);

        await (await unit.Member.PostOpenRoundAsync(unit.UnitId, proposal, Today.AddDays(7))).AssertProblemAsync(HttpStatusCode.Forbidden);
        var round = await unit.Lead.OpenRoundAsync(unit.UnitId, proposal);
        await unit.Member.RespondAsync(round, "Consent");
        await unit.Lead.RespondAsync(round, "Consent");
        await (await unit.Member.PostAsync($"/api/codex/rounds/{round}/close", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await unit.Member.PostPublishAsync(proposal)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await unit.Member.GetAsync(CodexApiClient.Url(unit.UnitId, "/settings"))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await unit.Member.PutAsJsonAsync(CodexApiClient.Url(unit.UnitId, "/settings"),
            new { reviewCadenceMonths = 3, responseReminderDaysBeforeClose = 3, acknowledgeReminderAfterDays = 7, version = 0 })).AssertProblemAsync(HttpStatusCode.Forbidden);

        var codex = await unit.Member.CodexAsync(unit.UnitId);
        Assert.Null(codex.InForce);
        Assert.Equal(round, codex.OpenRoundId);
        Assert.Equal(6, codex.ReviewCadenceMonths);
        Assert.Equal(1, await unit.Lead.PublishAsync(proposal));
    }

    [Fact]
    public async Task A_team_codex_refuses_binding_sections_even_from_its_lead()
    {
        var unit = await NewUnitAsync();
        var draft = await unit.Lead.DraftAsync(unit.UnitId);

        var response = await unit.Lead.PutDraftAsync(unit.UnitId, draft.Revision,
            [.. draft.Sections, new SectionDto(Guid.NewGuid(), "Datenschutz", "Gilt für alle darunter.", true)]);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.DoesNotContain((await unit.Lead.DraftAsync(unit.UnitId)).Sections, s => s.IsBinding);
    }

    [Fact]
    public async Task In_a_department_only_its_lead_changes_binding_sections_and_members_edit_the_rest()
    {
        var unit = await NewUnitAsync("Department");
        var draft = await unit.Lead.DraftAsync(unit.UnitId);
        Assert.False(draft.IsTeam);
        var binding = new SectionDto(Guid.NewGuid(), "Datenschutz", "Keine Klientendaten per Messenger.", true);

        await (await unit.Member.PutDraftAsync(unit.UnitId, draft.Revision, [.. draft.Sections, binding])).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await unit.Lead.PutDraftAsync(unit.UnitId, draft.Revision, [.. draft.Sections, binding])).AssertStatusAsync(HttpStatusCode.OK);

        var withBinding = await unit.Member.DraftAsync(unit.UnitId);
        var others = withBinding.Sections.Where(s => !s.IsBinding).ToList();
        await (await unit.Member.PutDraftAsync(unit.UnitId, withBinding.Revision, [.. others, binding with { Markdown = "Messenger sind erlaubt." }]))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await unit.Member.PutDraftAsync(unit.UnitId, withBinding.Revision, others)).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await unit.Member.PutDraftAsync(unit.UnitId, withBinding.Revision, [others[0] with { Markdown = "Neu gefasst." }, .. others.Skip(1), binding]))
            .AssertStatusAsync(HttpStatusCode.OK);

        var final = await unit.Lead.DraftAsync(unit.UnitId);
        Assert.Equal(binding, Assert.Single(final.Sections, s => s.IsBinding));
        Assert.Equal("Neu gefasst.", final.Sections[0].Markdown);
    }

    [Fact]
    public async Task The_review_cadence_accepts_only_the_offered_choices()
    {
        var unit = await NewUnitAsync();
        var settings = await unit.Lead.GetOkAsync<SettingsDto>(CodexApiClient.Url(unit.UnitId, "/settings"));

        var refused = await unit.Lead.PutAsJsonAsync(CodexApiClient.Url(unit.UnitId, "/settings"), new
        {
            reviewCadenceMonths = 5, settings.ResponseReminderDaysBeforeClose, settings.AcknowledgeReminderAfterDays, version = settings.ExpectedVersion,
        });
        Assert.Equal(["reviewCadenceMonths"], await refused.AssertValidationProblemAsync());

        await unit.Lead.ChangeSettingsAsync(unit.UnitId, s => s with { ReviewCadenceMonths = 12 });
        Assert.Equal(12, (await unit.Member.CodexAsync(unit.UnitId)).ReviewCadenceMonths);
        var stale = await unit.Lead.PutAsJsonAsync(CodexApiClient.Url(unit.UnitId, "/settings"), new
        {
            reviewCadenceMonths = 24, settings.ResponseReminderDaysBeforeClose, settings.AcknowledgeReminderAfterDays, version = settings.ExpectedVersion,
        });
        await stale.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(12, (await unit.Member.CodexAsync(unit.UnitId)).ReviewCadenceMonths);
    }

    [Fact]
    public async Task Script_stored_in_a_section_comes_back_as_written_and_renders_harmless()
    {
        var unit = await NewUnitAsync();
        const string attack = "Hallo <script>alert('xss')</script> <img src=x onerror=alert(1)> [Klick](javascript:alert(1)) <iframe src=\"https://evil.example\"></iframe>";
        await unit.Member.EditDraftAsync(unit.UnitId, attack);

        var stored = (await unit.Lead.DraftAsync(unit.UnitId)).Sections[0].Markdown;
        var html = CodexMarkdown.ToSafeHtml(stored);

        // Stored as typed (it is the member's text), made safe when it is shown.
        Assert.Equal(attack, stored);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proposal_amended_after_its_round_ended_needs_a_new_round_before_it_can_be_published()
    {
        var unit = await NewUnitAsync();
        await unit.Member.EditDraftAsync(unit.UnitId, "Erste Fassung.");
        var proposal = await unit.Member.ProposeAsync(unit.UnitId);
        var first = await unit.Lead.OpenRoundAsync(unit.UnitId, proposal);
        await unit.Member.RespondAsync(first, "Consent");
        var closed = await unit.Lead.PostAsync($"/api/codex/rounds/{first}/close", null);
        await closed.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("Consented", (await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());

        // Changed after the consent: nobody agreed to this text yet.
        await unit.Member.EditDraftAsync(unit.UnitId, "Heimlich geänderte Fassung.");
        await (await unit.Member.PostAsJsonAsync($"/api/codex/proposals/{proposal}/amend", new { text = "Nachgebessert." })).AssertStatusAsync(HttpStatusCode.OK);
        await (await unit.Lead.PostPublishAsync(proposal)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Null((await unit.Member.CodexAsync(unit.UnitId)).InForce);

        var second = await unit.Lead.OpenRoundAsync(unit.UnitId, proposal);
        Assert.Equal(2, (await unit.Lead.RoundAsync(second)).ProposalRevision);
        await unit.Member.RespondAsync(second, "Consent");
        await unit.Lead.RespondAsync(second, "Consent");
        Assert.Equal(1, await unit.Lead.PublishAsync(proposal));
        Assert.Equal("Heimlich geänderte Fassung.", (await unit.Member.CodexAsync(unit.UnitId)).InForce!.Sections[0].Markdown);
    }

    [Fact]
    public async Task With_a_quorum_of_all_members_a_silent_member_holds_up_publication_until_they_respond()
    {
        var unit = await NewUnitAsync();
        await unit.Lead.ChangeSettingsAsync(unit.UnitId, s => s with { QuorumPercent = 100 });
        await unit.Member.EditDraftAsync(unit.UnitId, "Unser Zweck.");
        var proposal = await unit.Member.ProposeAsync(unit.UnitId);
        var round = await unit.Lead.OpenRoundAsync(unit.UnitId, proposal);
        await unit.Lead.RespondAsync(round, "Consent");

        await (await unit.Lead.PostPublishAsync(proposal)).AssertProblemAsync(HttpStatusCode.BadRequest);

        // The refused publication left the round open, so the member can still respond.
        Assert.Null((await unit.Lead.RoundAsync(round)).ClosedAt);
        await unit.Member.RespondAsync(round, "Abstention");
        Assert.Equal(1, await unit.Lead.PublishAsync(proposal));
    }

    [Fact]
    public async Task Withdrawing_a_proposal_ends_its_round_as_withdrawn()
    {
        var unit = await NewUnitAsync();
        await unit.Member.EditDraftAsync(unit.UnitId, "Unser Zweck.");
        var proposal = await unit.Member.ProposeAsync(unit.UnitId);
        var round = await unit.Lead.OpenRoundAsync(unit.UnitId, proposal);
        await unit.Lead.RespondAsync(round, "Consent");

        await (await unit.Member.PostAsync($"/api/codex/proposals/{proposal}/withdraw", null)).AssertStatusAsync(HttpStatusCode.NoContent);

        var ended = await unit.Lead.RoundAsync(round);
        Assert.Equal("Withdrawn", ended.Outcome);
        Assert.Equal("Withdrawn", (await unit.Member.GetOkAsync<ProposalDto>($"/api/codex/proposals/{proposal}")).Status);
        Assert.Null((await unit.Member.CodexAsync(unit.UnitId)).OpenRoundId);
        await (await unit.Lead.PostPublishAsync(proposal)).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await unit.Member.PostResponseAsync(round, "Consent")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Someone_who_joins_while_a_round_runs_edits_the_draft_but_does_not_take_part_in_that_round()
    {
        var unit = await NewUnitAsync();
        var round = await unit.Lead.OpenRoundAsync(unit.UnitId, null);
        var admin = await AdminAsync();
        var newcomer = await HumanResourcesAsync();
        var newcomerId = await admin.PersonIdAsync("Heike Sommer");

        // Before joining, the round's responses are hidden; only the tally shows.
        await unit.Member.RespondAsync(round, "Objection", "Die Übergaben klappen so nicht.");
        var seenFromOutside = await newcomer.RoundAsync(round);
        Assert.Null(seenFromOutside.Responses);
        Assert.Equal(1, seenFromOutside.Tally["Objection"]);

        await (await admin.PutAsync($"/api/org/units/{unit.UnitId}/members/{newcomerId}", null)).AssertStatusAsync(HttpStatusCode.NoContent);
        await Eventually.HoldsAsync(() => admin.ParticipantsAsync(unit.UnitId), p => p.Count == 3, Delivery, "the newcomer takes part in the codex");

        Assert.Equal(2, await newcomer.EditDraftAsync(unit.UnitId, "Auch Neue schreiben mit."));
        await (await newcomer.PostResponseAsync(round, "Consent")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var round2 = await newcomer.RoundAsync(round);
        Assert.Equal((2, false), (round2.ParticipantCount, round2.IAmParticipant));
    }

    [Fact]
    public async Task Binding_sections_of_a_department_in_force_are_shown_with_the_codex_of_its_teams()
    {
        var department = await NewUnitAsync("Department");
        var draft = await department.Lead.DraftAsync(department.UnitId);
        var binding = new SectionDto(Guid.NewGuid(), "Datenschutz", "Keine Klientendaten per Messenger.", true);
        await (await department.Lead.PutDraftAsync(department.UnitId, draft.Revision, [.. draft.Sections, binding])).AssertStatusAsync(HttpStatusCode.OK);
        await department.PublishNewVersionAsync("Zweck der Abteilung.");
        var admin = await AdminAsync();
        var team = await admin.CreateUnitAsync(Unique("Team unter der Abteilung"), "Team", department.UnitId);

        var inherited = (await admin.GetOkAsync<JsonElement>(CodexApiClient.Url(team))).GetProperty("inherited");

        // The organisation's binding sections (seeded with the demo) come first, then the department's.
        var chain = inherited.EnumerateArray().ToList();
        Assert.Equal(2, chain.Count);
        Assert.Equal(CodexApi.DemoOrganisation, chain[0].GetProperty("unitName").GetString());
        Assert.All(chain[0].GetProperty("sections").EnumerateArray(), s => Assert.True(s.GetProperty("isBinding").GetBoolean()));
        var fromDepartment = chain[1];
        Assert.Equal(department.UnitId, fromDepartment.GetProperty("unitId").GetGuid());
        Assert.Equal(1, fromDepartment.GetProperty("versionNumber").GetInt32());
        var section = Assert.Single(fromDepartment.GetProperty("sections").EnumerateArray());
        Assert.Equal((binding.Id, binding.Markdown), (section.GetProperty("id").GetGuid(), section.GetProperty("markdown").GetString()));
    }

    [Fact]
    public async Task Creating_a_second_codex_for_a_unit_is_refused()
    {
        var unit = await NewUnitAsync();

        await (await unit.Lead.PostAsync(CodexApiClient.Url(unit.UnitId), null)).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await unit.Lead.PostAsync(CodexApiClient.Url(Guid.NewGuid()), null)).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class TeamCodexApiTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : TeamCodexApiTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class TeamCodexApiTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : TeamCodexApiTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
