using System.Net.Http.Json;
using System.Net;
using Codex.IntegrationTests.Infrastructure;
using Codex.Modules.Learning.Domain;
using Codex.Shared.Persistence;
using Codex.Testing;

namespace Codex.IntegrationTests.Home;

/// <summary>
/// The home page asks every module with a few set-based statements: the number of SQL round trips
/// stays the same however much waits for the person. No job server, so only the request's own
/// statements are recorded.
/// </summary>
public abstract class HomePageRoundTripTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    // The page's own queries, plus the per-request session check against the account (1) and the
    // navigation's "does this person lead a unit" (1–2), which every page pays.
    private const int MostStatements = 10;

    protected override void ConfigureHost(CodexApplicationFactory factory) => factory.Settings["Jobs:RunServer"] = "false";

    [Fact]
    public async Task The_home_page_needs_a_handful_of_statements_however_many_steps_are_due()
    {
        var member = await MemberAsync();
        var hr = await HumanResourcesAsync();
        var mehmet = await (await AdminAsync()).PersonIdAsync("mehmet.yilmaz");
        var now = DateTimeOffset.UtcNow;
        IReadOnlyList<string> one = [];
        for (var i = 0; i < 5; i++)
        {
            var created = await hr.PostAsJsonAsync("/api/learning/paths", new { title = $"Rundweg {i} {Guid.NewGuid():N}"[..20], description = "Test" });
            await created.AssertStatusAsync(HttpStatusCode.Created);
            var pathId = (await created.Content.ReadFromJsonAsync<HomeSetup.IdDto>(CodexApi.Json))!.Id;
            var version = (await hr.GetOkAsync<HomeSetup.VersionDto>($"/api/learning/paths/{pathId}")).Version;
            await (await hr.PostAsJsonAsync($"/api/learning/paths/{pathId}/steps", new { title = $"Schritt {i}", kind = "Reading", effortMinutes = 5, version }))
                .AssertStatusAsync(HttpStatusCode.OK);
            await Factory.WithModuleDbAsync("Learning", db =>
            {
                db.Add(Enrolment.Start(mehmet, pathId, 1, now, now.AddDays(i - 2)));
                return db.SaveChangesAsync();
            });
            if (i == 0)
            {
                await member.HomeAsync(); // warm-up: compiled queries, caches
                one = await StatementsAsync(member);
            }
        }

        var html = await member.HomeAsync();
        Assert.Equal(5, Enumerable.Range(0, 5).Count(i => html.Contains($"Schritt {i} – Rundweg {i}", StringComparison.Ordinal)));
        var five = await StatementsAsync(member);

        // At least one statement per question the page asks (rounds, versions, due steps, sign-offs): the recorder sees them.
        Assert.True(one.Count is >= 4 and <= MostStatements, $"{one.Count} statements:\n{string.Join("\n---\n", one)}");
        Assert.Equal(one.Count, five.Count);
    }

    private static async Task<IReadOnlyList<string>> StatementsAsync(HttpClient client)
    {
        using var recorder = new SqlCommandRecorder();
        await client.HomeAsync();
        return recorder.Commands;
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class HomePageRoundTripTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : HomePageRoundTripTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class HomePageRoundTripTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : HomePageRoundTripTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
