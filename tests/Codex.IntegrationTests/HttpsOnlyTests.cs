using System.Net;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;
using Codex.Testing;

namespace Codex.IntegrationTests;

/// <summary>
/// With `Security:HttpsOnly`, a request that arrives over plain HTTP is sent to HTTPS — the login
/// page used to answer 500 (its secure-only antiforgery cookie cannot be set over HTTP). Health
/// probes of a load balancer stay on HTTP. Provider-independent, so on SQLite only.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class HttpsOnlyTests(PostgresFixture postgres, SharedHost host)
    : HostTest(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>
{
    protected override void ConfigureHost(CodexApplicationFactory factory) =>
        factory.Settings["Security:HttpsOnly"] = "true";

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task The_login_page_over_plain_http_redirects_to_https(string method)
    {
        var client = Factory.CreateAnonymousClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "http://localhost/Account/Login"));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://localhost/Account/Login", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Health_probes_stay_on_plain_http()
    {
        var response = await Factory.CreateAnonymousClient().GetAsync("http://localhost/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
