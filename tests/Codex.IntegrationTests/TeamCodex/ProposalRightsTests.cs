using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;

namespace Codex.IntegrationTests.TeamCodex;

/// <summary>
/// A proposal speaks for its author: only they, or a lead of the unit, amend or withdraw it; an
/// amendment keeps the earlier text in the proposal's history; forms keep what was typed when refused.
/// </summary>
public abstract class ProposalRightsTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : TeamCodexTest(provider, postgres, host)
{
    [Fact]
    public async Task A_member_who_is_not_the_author_may_neither_amend_nor_withdraw_and_the_responses_given_stay()
    {
        var unit = await NewUnitAsync();
        await unit.Lead.EditDraftAsync(unit.UnitId, "Übergaben schreiben wir auf.");
        var proposal = await unit.Lead.ProposeAsync(unit.UnitId);
        var round = await unit.Lead.OpenRoundAsync(unit.UnitId, proposal);
        await unit.Lead.RespondAsync(round, "Consent");
        await unit.Member.RespondAsync(round, "Consent");
        await unit.Member.EditDraftAsync(unit.UnitId, "Übergaben mündlich.");

        await (await unit.Member.PostAsJsonAsync($"/api/codex/proposals/{proposal}/amend", new { text = "Meine Sicht." })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await unit.Member.PostAsync($"/api/codex/proposals/{proposal}/withdraw", null)).AssertProblemAsync(HttpStatusCode.Forbidden);

        var unchanged = await unit.Member.GetOkAsync<JsonElement>($"/api/codex/proposals/{proposal}");
        Assert.Equal((1, "Open", "Mündliche Übergaben gehen verloren."), (unchanged.GetProperty("revision").GetInt32(), unchanged.GetProperty("status").GetString(), unchanged.GetProperty("rationale").GetString()));
        Assert.Equal("Übergaben schreiben wir auf.", unchanged.GetProperty("sections")[0].GetProperty("markdown").GetString());
        Assert.Equal(0, unchanged.GetProperty("earlierRevisions").GetArrayLength());
        Assert.Equal(2, (await unit.Lead.RoundAsync(round)).Tally["Consent"]);
    }

    [Fact]
    public async Task The_author_amends_and_the_earlier_text_stays_readable_in_the_history()
    {
        var unit = await NewUnitAsync();
        await unit.Member.EditDraftAsync(unit.UnitId, "Erste Fassung.");
        var proposal = await unit.Member.ProposeAsync(unit.UnitId);
        await unit.Member.EditDraftAsync(unit.UnitId, "Zweite Fassung.");

        var amended = await unit.Member.PostAsJsonAsync($"/api/codex/proposals/{proposal}/amend", new { text = "Nach dem Gespräch geändert." });
        await amended.AssertStatusAsync(HttpStatusCode.OK);

        var view = await unit.Member.GetOkAsync<JsonElement>($"/api/codex/proposals/{proposal}");
        Assert.Equal(2, view.GetProperty("revision").GetInt32());
        var earlier = Assert.Single(view.GetProperty("earlierRevisions").EnumerateArray());
        Assert.Equal((1, "Mündliche Übergaben gehen verloren.", "Erste Fassung."),
            (earlier.GetProperty("number").GetInt32(), earlier.GetProperty("rationale").GetString(), earlier.GetProperty("sections")[0].GetProperty("markdown").GetString()));

        var page = WebUtility.HtmlDecode(await unit.Lead.GetStringAsync($"/codex/proposals/{proposal}"));
        Assert.Contains("Frühere Fassungen", page, StringComparison.Ordinal);
        Assert.Contains("Fassung 1, gültig ab", page, StringComparison.Ordinal);
        Assert.Contains("<del><span class=\"visually-hidden\">", page, StringComparison.Ordinal);
        Assert.Contains("Erste", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_the_proposal_page_a_member_who_is_not_the_author_sees_no_amend_button_and_a_posted_amendment_is_refused_with_a_message()
    {
        var unit = await NewUnitAsync();
        await unit.Lead.EditDraftAsync(unit.UnitId, "Übergaben schreiben wir auf.");
        var proposal = await unit.Lead.ProposeAsync(unit.UnitId);
        await unit.Member.EditDraftAsync(unit.UnitId, "Übergaben mündlich.");
        var address = $"/codex/proposals/{proposal}";

        var page = await unit.Member.GetStringAsync(address);
        Assert.DoesNotContain("handler=Amend", page, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Withdraw", page, StringComparison.Ordinal);
        Assert.Contains("Überarbeiten oder zurückziehen können diesen Vorschlag nur", WebUtility.HtmlDecode(page), StringComparison.Ordinal);

        // A stale page (or a hand-made post) is refused with a clear message, and nothing changes.
        var refused = await unit.Member.PostAsync($"{address}?handler=Amend", HtmlForm.Submit(page, $"{address}?handler=Comment", ("Text", "Meine Sicht.")));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Diesen Vorschlag können nur die Person, die ihn eingereicht hat, und die Leitung überarbeiten oder zurückziehen.",
            WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(1, (await unit.Lead.GetOkAsync<ProposalDto>($"/api/codex/proposals/{proposal}")).Revision);

        // The author's lead sees the buttons.
        Assert.Contains("handler=Amend", await unit.Lead.GetStringAsync(address), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_comment_comes_back_with_the_text_that_was_typed()
    {
        var unit = await NewUnitAsync();
        await unit.Member.EditDraftAsync(unit.UnitId, "Unser Zweck.");
        var proposal = await unit.Member.ProposeAsync(unit.UnitId);
        var address = $"/codex/proposals/{proposal}";
        var page = await unit.Member.GetStringAsync(address);
        var tooLong = "Ein sehr langer Kommentar. " + new string('x', 4000);

        var refused = await unit.Member.PostAsync($"{address}?handler=Comment", HtmlForm.Submit(page, $"{address}?handler=Comment", ("Text", tooLong)));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains($">{tooLong}</textarea>", html, StringComparison.Ordinal);
        // The other forms keep their own content: the amendment still shows the proposal's rationale.
        Assert.Contains(">Mündliche Übergaben gehen verloren.</textarea>", html, StringComparison.Ordinal);
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class ProposalRightsTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : ProposalRightsTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class ProposalRightsTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : ProposalRightsTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
