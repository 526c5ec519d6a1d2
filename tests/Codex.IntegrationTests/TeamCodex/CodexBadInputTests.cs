using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;
using Codex.Testing;

namespace Codex.IntegrationTests.TeamCodex;

/// <summary>Whatever a client sends to the TeamCodex API, the answer is a 4xx with problem details, never a 500.</summary>
public abstract class CodexBadInputTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : TeamCodexTest(provider, postgres, host)
{
    private const string Json = "application/json";

    // One unit per host with version 1 published (its proposal and closed round), no round open, draft as published.
    private static readonly ConcurrentDictionary<CodexApplicationFactory, Lazy<Task<Dictionary<string, string>>>> Setups = new();

    [Theory]
    [InlineData("malformed JSON", "PUT", "/draft", """{ "basedOnRevision": 2, "sections": [""", 400)]
    [InlineData("a draft without sections", "PUT", "/draft", """{ "basedOnRevision": {revision} }""", 400)]
    [InlineData("a draft with no section", "PUT", "/draft", """{ "basedOnRevision": {revision}, "sections": [] }""", 400)]
    [InlineData("a draft on revision 0", "PUT", "/draft", """{ "basedOnRevision": 0, "sections": [{ "title": "A", "markdown": "B" }] }""", 400)]
    [InlineData("a draft on a text revision", "PUT", "/draft", """{ "basedOnRevision": "zwei", "sections": [{ "title": "A", "markdown": "B" }] }""", 400)]
    [InlineData("a section without a title", "PUT", "/draft", """{ "basedOnRevision": {revision}, "sections": [{ "title": null, "markdown": "B" }] }""", 400)]
    [InlineData("a blank section title", "PUT", "/draft", """{ "basedOnRevision": {revision}, "sections": [{ "title": "   ", "markdown": "B" }] }""", 400)]
    [InlineData("a section title of 201 characters", "PUT", "/draft", """{ "basedOnRevision": {revision}, "sections": [{ "title": "{long201}", "markdown": "B" }] }""", 400)]
    [InlineData("a section text over 100,000 characters", "PUT", "/draft", """{ "basedOnRevision": {revision}, "sections": [{ "title": "A", "markdown": "{huge}" }] }""", 400)]
    [InlineData("51 sections", "PUT", "/draft", """{ "basedOnRevision": {revision}, "sections": {sections51} }""", 400)]
    [InlineData("the same section twice", "PUT", "/draft", """{ "basedOnRevision": {revision}, "sections": [{ "id": "{section}", "title": "A" }, { "id": "{section}", "title": "B" }] }""", 400)]
    [InlineData("a section id that is not a guid", "PUT", "/draft", """{ "basedOnRevision": {revision}, "sections": [{ "id": "eins", "title": "A" }] }""", 400)]
    [InlineData("a binding flag that is not a boolean", "PUT", "/draft", """{ "basedOnRevision": {revision}, "sections": [{ "title": "A", "isBinding": "ja" }] }""", 400)]
    [InlineData("a proposal without a title", "POST", "/proposals", """{ "rationale": "Weil." }""", 400)]
    [InlineData("a proposal title of 201 characters", "POST", "/proposals", """{ "title": "{long201}", "rationale": "Weil." }""", 400)]
    [InlineData("a proposal without a reason", "POST", "/proposals", """{ "title": "Neu", "rationale": " " }""", 400)]
    [InlineData("a proposal of the text already in force", "POST", "/proposals", """{ "title": "Nichts Neues", "rationale": "Weil." }""", 400)]
    [InlineData("a round without a closing date", "POST", "/rounds", """{ }""", 400)]
    [InlineData("a round closing today", "POST", "/rounds", """{ "closesOn": "{today}" }""", 400)]
    [InlineData("a round closing yesterday", "POST", "/rounds", """{ "closesOn": "{yesterday}" }""", 400)]
    [InlineData("a closing date that is not a date", "POST", "/rounds", """{ "closesOn": "morgen" }""", 400)]
    [InlineData("a round on a proposal that does not exist", "POST", "/rounds", """{ "proposalId": "{random}", "closesOn": "{nextWeek}" }""", 404)]
    [InlineData("a round on a published proposal", "POST", "/rounds", """{ "proposalId": "{proposal}", "closesOn": "{nextWeek}" }""", 400)]
    [InlineData("a cadence of 5 months", "PUT", "/settings", """{ "reviewCadenceMonths": 5, "responseReminderDaysBeforeClose": 3, "acknowledgeReminderAfterDays": 7, "version": {codexVersion} }""", 400)]
    [InlineData("a quorum of 0 %", "PUT", "/settings", """{ "reviewCadenceMonths": 6, "responseReminderDaysBeforeClose": 3, "acknowledgeReminderAfterDays": 7, "quorumPercent": 0, "version": {codexVersion} }""", 400)]
    [InlineData("a quorum of 101 %", "PUT", "/settings", """{ "reviewCadenceMonths": 6, "responseReminderDaysBeforeClose": 3, "acknowledgeReminderAfterDays": 7, "quorumPercent": 101, "version": {codexVersion} }""", 400)]
    [InlineData("a reminder 31 days before closing", "PUT", "/settings", """{ "reviewCadenceMonths": 6, "responseReminderDaysBeforeClose": 31, "acknowledgeReminderAfterDays": 7, "version": {codexVersion} }""", 400)]
    [InlineData("an acknowledgement reminder after 0 days", "PUT", "/settings", """{ "reviewCadenceMonths": 6, "responseReminderDaysBeforeClose": 3, "acknowledgeReminderAfterDays": 0, "version": {codexVersion} }""", 400)]
    [InlineData("a next review date that is not a date", "PUT", "/settings", """{ "reviewCadenceMonths": 6, "responseReminderDaysBeforeClose": 3, "acknowledgeReminderAfterDays": 7, "nextReviewOn": "bald", "version": {codexVersion} }""", 400)]
    [InlineData("settings on an outdated version", "PUT", "/settings", """{ "reviewCadenceMonths": 6, "responseReminderDaysBeforeClose": 3, "acknowledgeReminderAfterDays": 7, "version": 0 }""", 409)]
    [InlineData("acknowledging a version not in force", "POST", "/acknowledgements", """{ "version": 99 }""", 400)]
    [InlineData("acknowledging a text version", "POST", "/acknowledgements", """{ "version": "eins" }""", 400)]
    [InlineData("a diff without versions", "GET", "/diff", null, 400)]
    [InlineData("a diff from a text", "GET", "/diff?from=abc&to=1", null, 400)]
    [InlineData("a diff to version 0", "GET", "/diff?from=0&to=0", null, 400)]
    [InlineData("a diff to a version that does not exist", "GET", "/diff?from=0&to=99", null, 404)]
    [InlineData("a version that does not exist", "GET", "/versions/99", null, 404)]
    [InlineData("a version number that is not a number", "GET", "/versions/eins", null, 404)]
    [InlineData("the export of a version that does not exist", "GET", "/versions/99/markdown", null, 404)]
    [InlineData("proposals page 0", "GET", "/proposals?page=0", null, 400)]
    [InlineData("proposals page -1", "GET", "/proposals?page=-1", null, 400)]
    [InlineData("proposals page that is not a number", "GET", "/proposals?page=zwei", null, 400)]
    [InlineData("responding with an unknown kind", "POST", "~/rounds/{openRound}/responses", """{ "kind": "Vielleicht" }""", 400)]
    [InlineData("responding with an undefined kind number", "POST", "~/rounds/{openRound}/responses", """{ "kind": 99 }""", 400)]
    [InlineData("responding without a kind", "POST", "~/rounds/{openRound}/responses", """{ "reason": "Hm." }""", 400)]
    [InlineData("a reason of 4001 characters", "POST", "~/rounds/{openRound}/responses", """{ "kind": "ConsentWithConcerns", "reason": "{long4001}" }""", 400)]
    [InlineData("responding to a closed round", "POST", "~/rounds/{closedRound}/responses", """{ "kind": "Consent" }""", 400)]
    [InlineData("responding to a round that does not exist", "POST", "~/rounds/{random}/responses", """{ "kind": "Consent" }""", 404)]
    [InlineData("closing a closed round", "POST", "~/rounds/{closedRound}/close", null, 400)]
    [InlineData("a round that does not exist", "GET", "~/rounds/{random}", null, 404)]
    [InlineData("publishing a published proposal", "POST", "~/proposals/{proposal}/publish", """{ "changeSummary": "Noch einmal" }""", 400)]
    [InlineData("publishing without a summary", "POST", "~/proposals/{proposal}/publish", """{ }""", 400)]
    [InlineData("publishing a proposal that does not exist", "POST", "~/proposals/{random}/publish", """{ "changeSummary": "X" }""", 404)]
    [InlineData("amending a published proposal", "POST", "~/proposals/{proposal}/amend", """{ "text": "Anders" }""", 400)]
    [InlineData("amending without a reason", "POST", "~/proposals/{proposal}/amend", """{ "text": "" }""", 400)]
    [InlineData("withdrawing a published proposal", "POST", "~/proposals/{proposal}/withdraw", null, 400)]
    [InlineData("an empty comment", "POST", "~/proposals/{proposal}/comments", """{ "text": " " }""", 400)]
    [InlineData("a comment of 4001 characters", "POST", "~/proposals/{proposal}/comments", """{ "text": "{long4001}" }""", 400)]
    [InlineData("a proposal that does not exist", "GET", "~/proposals/{random}", null, 404)]
    [InlineData("the codex of a unit that does not exist", "GET", "~/units/{random}", null, 404)]
    [InlineData("starting a codex for a unit that does not exist", "POST", "~/units/{random}", null, 404)]
    [InlineData("a unit id that is not a guid", "GET", "~/units/abc/draft", null, 404)]
    public async Task Bad_input_is_answered_with_a_client_error_never_a_500(string what, string method, string path, string? body, int expected)
    {
        var values = await Setups.GetOrAdd(Factory, _ => new Lazy<Task<Dictionary<string, string>>>(SetUpAsync)).Value;
        string Fill(string text) => values.Aggregate(text, (t, v) => t.Replace(v.Key, v.Value, StringComparison.Ordinal));
        var url = path.StartsWith('~') ? "/api/codex" + Fill(path[1..]) : CodexApiClient.Url(Guid.Parse(values["{unit}"]), Fill(path));

        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new StringContent(Fill(body), Encoding.UTF8, Json);
        }

        var response = await (await TeamLeadAsync()).SendAsync(request);

        var content = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expected, $"{what}: expected {expected}, got {(int)response.StatusCode} {response.StatusCode}: {content}");
        if (content.Length > 0)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private async Task<Dictionary<string, string>> SetUpAsync()
    {
        var unit = await NewUnitAsync();
        await unit.PublishNewVersionAsync("Unser Zweck.");
        var proposal = (await unit.Lead.GetOkAsync<JsonElement>(CodexApiClient.Url(unit.UnitId, "/proposals?includeClosed=true")))
            .GetProperty("items")[0].GetProperty("id").GetString()!;
        var closedRound = (await unit.Lead.GetOkAsync<JsonElement>($"/api/codex/proposals/{proposal}"))
            .GetProperty("rounds")[0].GetProperty("id").GetString()!;

        // A round open elsewhere, so responses with bad input reach an open round without changing this unit.
        var other = await NewUnitAsync();
        var openRound = await other.Lead.OpenRoundAsync(other.UnitId, null);
        var draft = await unit.Lead.DraftAsync(unit.UnitId);
        var settings = await unit.Lead.GetOkAsync<SettingsDto>(CodexApiClient.Url(unit.UnitId, "/settings"));
        return new Dictionary<string, string>
        {
            ["{unit}"] = unit.UnitId.ToString(),
            ["{revision}"] = draft.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{codexVersion}"] = settings.ExpectedVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{section}"] = draft.Sections[0].Id.ToString(),
            ["{proposal}"] = proposal,
            ["{closedRound}"] = closedRound,
            ["{openRound}"] = openRound.ToString(),
            ["{random}"] = Guid.NewGuid().ToString(),
            ["{today}"] = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["{yesterday}"] = Today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["{nextWeek}"] = Today.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["{long201}"] = new string('x', 201),
            ["{long4001}"] = new string('x', 4001),
            ["{huge}"] = new string('x', 100_001),
            ["{sections51}"] = JsonSerializer.Serialize(Enumerable.Range(1, 51).Select(i => new { title = $"Abschnitt {i}", markdown = "Text" })),
        };
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class CodexBadInputTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : CodexBadInputTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class CodexBadInputTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : CodexBadInputTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
