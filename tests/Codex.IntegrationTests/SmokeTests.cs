using System.Net;
using System.Net.Http.Json;
using Codex.Testing;

namespace Codex.IntegrationTests;

public sealed class SmokeTests
{
    [Fact]
    public async Task The_demo_admin_signs_in_and_reads_the_organisation_tree()
    {
        await using var factory = CodexApplicationFactory.ForSqlite();
        var client = await factory.SignInAsync(DemoLogins.Admin);
        var response = await client.GetAsync("/api/org/units");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Pflegeteam Nord", body);
    }
}
