using System.Text.Json;
using Codex.IntegrationTests.Fuzz;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;
using Codex.Testing;

namespace Codex.IntegrationTests.Privacy;

/// <summary>
/// Least visibility in the API: no page shows a member or a lead another person's email address, so no
/// API answer they can get may carry one either — whatever operation they call, with real ids.
/// </summary>
public abstract class LeastVisibilityTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    [Theory]
    [InlineData(DemoLogins.Member)]
    [InlineData(DemoLogins.TeamLead)]
    public async Task No_api_answer_a_member_or_lead_can_get_carries_another_persons_email_address(string login)
    {
        var admin = await AdminAsync();
        var document = JsonDocument.Parse(await admin.GetStringAsync("/openapi/v1.json")).RootElement;
        var reads = ApiOperation.AllOf(document).Where(o => o.Method == "GET").ToList();
        var ids = await KnownIds.HarvestAsync(admin, reads);
        var others = await EmailsOfEveryoneButAsync(admin, login);
        // Without addresses to look for, or with nothing read, the test would pass by finding nothing.
        Assert.True(others.Count >= 20, $"Only {others.Count} addresses known.");
        var client = login == DemoLogins.Member ? await MemberAsync() : await TeamLeadAsync();

        var leaks = new List<string>();
        var answered = 0;
        foreach (var operation in reads)
        {
            var path = operation.Parameters.Where(p => p.In == "path")
                .Aggregate(operation.Path, (template, p) => template.Replace("{" + p.Name + "}", ids.ForPathParameter(operation.Path, p), StringComparison.Ordinal));
            using var response = await client.GetAsync(path);
            if (!response.IsSuccessStatusCode)
            {
                continue;
            }

            answered++;
            var body = (await response.Content.ReadAsStringAsync()).ToLowerInvariant();
            leaks.AddRange(others.Where(email => body.Contains(email, StringComparison.Ordinal)).Select(email => $"{path}: {email}"));
        }

        Assert.True(answered >= 15, $"Only {answered} operations answered {login}.");
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks.Distinct()));
    }

    private static async Task<List<string>> EmailsOfEveryoneButAsync(HttpClient admin, string login)
    {
        var emails = new List<string>();
        for (var page = 1; ; page++)
        {
            var people = await admin.PeopleAsync($"page={page}&pageSize=100");
            emails.AddRange(people.Items.Select(p => p.Email!.ToLowerInvariant()));
            if (page * people.PageSize >= people.TotalCount)
            {
                return [.. emails.Where(e => e != login)];
            }
        }
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class LeastVisibilityTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : LeastVisibilityTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class LeastVisibilityTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : LeastVisibilityTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
