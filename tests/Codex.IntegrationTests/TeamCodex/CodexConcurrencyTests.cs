using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Codex.IntegrationTests.TeamCodex;

/// <summary>
/// Twenty people saving one draft at the same moment: every save is either accepted or refused
/// with the current draft (409), and nothing accepted is lost or overwritten unseen. Double
/// submissions (a second click, a retried request) never end in a 500 or a duplicate.
/// </summary>
public abstract class CodexConcurrencyTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : TeamCodexTest(provider, postgres, host)
{
    private const int Editors = 20;

    [Fact]
    public async Task Of_twenty_simultaneous_saves_on_the_same_revision_one_is_accepted_and_the_others_get_the_current_draft()
    {
        var unit = await NewUnitAsync();
        var client = unit.Member;
        var start = await client.DraftAsync(unit.UnitId);
        var texts = Enumerable.Range(1, Editors).Select(i => $"Fassung von Person {i} ({Guid.NewGuid():N})").ToList();

        var results = await SimultaneouslyAsync(texts, async text => (Text: text, Response: await client.PutDraftAsync(unit.UnitId, start.Revision, start.WithFirstText(text))));

        Assert.All(results, r => Assert.Contains(r.Response.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        var accepted = Assert.Single(results, r => r.Response.StatusCode == HttpStatusCode.OK);
        Assert.Equal(start.Revision + 1, await RevisionOfAsync(accepted.Response));
        foreach (var refused in results.Where(r => r.Response.StatusCode == HttpStatusCode.Conflict))
        {
            var (revision, firstText) = await CurrentDraftOfConflictAsync(refused.Response);
            Assert.Equal((start.Revision + 1, accepted.Text), (revision, firstText));
        }

        var final = await client.DraftAsync(unit.UnitId);
        Assert.Equal((start.Revision + 1, accepted.Text), (final.Revision, final.Sections[0].Markdown));
        Assert.Equal(final.Revision, await StoredRevisionsAsync(final.CodexId));
    }

    [Fact]
    public async Task Twenty_simultaneous_editors_who_retry_on_the_current_revision_all_get_their_save_in_one_after_another()
    {
        var unit = await NewUnitAsync();
        var client = unit.Member;
        var start = await client.DraftAsync(unit.UnitId);
        var texts = Enumerable.Range(1, Editors).Select(i => $"Fassung von Person {i} ({Guid.NewGuid():N})").ToList();

        var accepted = await SimultaneouslyAsync(texts, async text =>
        {
            var basedOn = start.Revision;
            for (var attempt = 1; attempt <= 100; attempt++)
            {
                var response = await client.PutDraftAsync(unit.UnitId, basedOn, start.WithFirstText(text));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return (Text: text, Revision: await RevisionOfAsync(response));
                }

                await response.AssertStatusAsync(HttpStatusCode.Conflict);
                var (current, _) = await CurrentDraftOfConflictAsync(response);
                Assert.True(current > basedOn, $"A conflict reports revision {current}, not newer than {basedOn}.");
                basedOn = current;
            }

            throw new InvalidOperationException($"{text} was not saved after 100 attempts.");
        });

        Assert.Equal(Enumerable.Range(start.Revision + 1, Editors), accepted.Select(a => a.Revision).Order());
        var final = await client.DraftAsync(unit.UnitId);
        var last = accepted.MaxBy(a => a.Revision);
        Assert.Equal((start.Revision + Editors, last.Text), (final.Revision, final.Sections[0].Markdown));

        // Every accepted save is in the history under the revision it was told.
        var history = await TeamCodexDbAsync(db => db.DraftRevisions.AsNoTracking()
            .Where(r => r.CodexId == final.CodexId && r.Number > start.Revision)
            .ToListAsync());
        Assert.Equal(
            accepted.OrderBy(a => a.Revision).Select(a => (a.Revision, a.Text)),
            history.OrderBy(r => r.Number).Select(r => (r.Number, r.Sections[0].Markdown)));
        Assert.Equal(final.Revision, await StoredRevisionsAsync(final.CodexId));
    }

    [Fact]
    public async Task Acknowledging_the_same_version_ten_times_at_once_records_it_once_and_never_fails()
    {
        var unit = await NewUnitAsync();
        await unit.PublishNewVersionAsync("Unser Zweck.");
        var codexId = (await unit.Member.CodexAsync(unit.UnitId)).CodexId!.Value;

        var responses = await SimultaneouslyAsync(
            Enumerable.Range(1, 10).Select(i => $"{i}").ToList(),
            _ => unit.Member.PostAsJsonAsync(CodexApiClient.Url(unit.UnitId, "/acknowledgements"), new { version = 1 }));

        // Acknowledging is idempotent: every click gets the same answer.
        AssertNoFailures(responses, HttpStatusCode.NoContent);
        Assert.Equal(1, await TeamCodexDbAsync(db => db.Acknowledgements.CountAsync(a => a.CodexId == codexId && a.PersonId == unit.MemberId)));
        Assert.Equal(1, (await unit.Member.CodexAsync(unit.UnitId)).MyAcknowledgedVersion);
    }

    [Fact]
    public async Task Starting_the_codex_of_a_unit_five_times_at_once_starts_one_and_never_fails()
    {
        var unit = await NewUnitAsync(createCodex: false);

        var responses = await SimultaneouslyAsync(
            Enumerable.Range(1, 5).Select(i => $"{i}").ToList(),
            _ => unit.Lead.PostAsync(CodexApiClient.Url(unit.UnitId), null));

        AssertNoFailures(responses, HttpStatusCode.Created, HttpStatusCode.BadRequest);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, await TeamCodexDbAsync(db => db.Codices.CountAsync(c => c.OrgUnitId == unit.UnitId)));
        Assert.Equal(1, (await unit.Member.DraftAsync(unit.UnitId)).Revision);
    }

    [Fact]
    public async Task Opening_a_round_five_times_at_once_opens_one_and_never_fails()
    {
        var unit = await NewUnitAsync();
        var codexId = (await unit.Lead.CodexAsync(unit.UnitId)).CodexId!.Value;

        var responses = await SimultaneouslyAsync(
            Enumerable.Range(1, 5).Select(i => $"{i}").ToList(),
            _ => unit.Lead.PostOpenRoundAsync(unit.UnitId, null, Today.AddDays(7)));

        AssertNoFailures(responses, HttpStatusCode.Created, HttpStatusCode.BadRequest, HttpStatusCode.Conflict);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, await TeamCodexDbAsync(db => db.Rounds.CountAsync(r => r.CodexId == codexId)));
    }

    [Fact]
    public async Task Participants_responding_at_the_same_moment_are_all_recorded()
    {
        var unit = await NewUnitAsync();
        for (var i = 0; i < 5; i++)
        {
            var round = await unit.Lead.OpenRoundAsync(unit.UnitId, null);

            var responses = await SimultaneouslyAsync(
                ["lead", "member"],
                who => (who == "lead" ? unit.Lead : unit.Member).PostResponseAsync(round, "Consent"));

            AssertNoFailures(responses, HttpStatusCode.NoContent);
            Assert.Equal(2, (await unit.Lead.RoundAsync(round)).Tally["Consent"]);
            await (await unit.Lead.PostAsync($"/api/codex/rounds/{round}/close", null)).AssertStatusAsync(HttpStatusCode.OK);
        }
    }

    private static void AssertNoFailures(IEnumerable<HttpResponseMessage> responses, params HttpStatusCode[] allowed) =>
        Assert.All(responses, r => Assert.True(allowed.Contains(r.StatusCode),
            $"{(int)r.StatusCode} from {r.RequestMessage?.Method} {r.RequestMessage?.RequestUri}: {r.Content.ReadAsStringAsync().GetAwaiter().GetResult()}"));

    /// <summary>Starts every action together, once all are ready, and waits for all of them.</summary>
    private static async Task<T[]> SimultaneouslyAsync<T>(IReadOnlyList<string> inputs, Func<string, Task<T>> action)
    {
        using var gate = new SemaphoreSlim(0, inputs.Count);
        var tasks = inputs.Select(async input =>
        {
            await gate.WaitAsync();
            return await action(input);
        }).ToList();
        gate.Release(inputs.Count);
        return await Task.WhenAll(tasks);
    }

    private static async Task<int> RevisionOfAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revision").GetInt32();

    /// <summary>A refused save tells the editor the current revision and text, so their own text is not lost.</summary>
    private static async Task<(int Revision, string FirstText)> CurrentDraftOfConflictAsync(HttpResponseMessage response)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        var sections = problem.GetProperty("currentSections");
        return (problem.GetProperty("currentRevision").GetInt32(), sections[0].GetProperty("markdown").GetString()!);
    }

    private Task<int> StoredRevisionsAsync(Guid codexId) =>
        TeamCodexDbAsync(db => db.DraftRevisions.CountAsync(r => r.CodexId == codexId));
}

[Collection(IntegrationCollection.Name)]
public sealed class CodexConcurrencyTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : CodexConcurrencyTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class CodexConcurrencyTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : CodexConcurrencyTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
