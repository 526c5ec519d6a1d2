using System.Net;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;
using Codex.Testing;

namespace Codex.IntegrationTests.Security;

/// <summary>
/// A page of another site — or of another port of the same host — cannot change anything in a
/// signed-in person's name: state-changing API requests must come from our own origin or carry
/// the antiforgery token. The probe is a no-body POST (an admin's "retry" of an unknown mail):
/// refused it is 403, accepted it reaches the endpoint and is 404.
/// </summary>
public abstract class CrossSiteRequestTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    private static readonly string Probe = $"/api/notifications/emails/{Guid.NewGuid()}/retry";

    [Theory]
    [InlineData("Origin", "http://localhost:5081")]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task A_no_body_post_from_another_origin_is_refused_with_403_problem_details(string header, string value)
    {
        var admin = await AdminAsync();

        var response = await admin.SendAsync(ProbeRequest((header, value)));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Anfrage von einer anderen Website abgelehnt", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_request_that_names_no_origin_and_carries_no_token_is_refused()
    {
        var admin = await AdminAsync();
        admin.DefaultRequestHeaders.Remove("Origin");
        try
        {
            var response = await admin.SendAsync(ProbeRequest(("Origin", null)));

            await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        }
        finally
        {
            admin.DefaultRequestHeaders.Add("Origin", "http://localhost");
        }
    }

    [Fact]
    public async Task A_membership_change_from_another_origin_changes_nothing()
    {
        var admin = await AdminAsync();
        var team = await admin.UnitIdAsync("Wohngruppe Lindenhof");
        var person = await admin.CreatePersonAsync("Fremde", "Seite-" + Guid.NewGuid().ToString("N")[..8]);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/org/units/{team}/members/{person}");
        request.Headers.Add("Origin", "http://localhost:8080");

        await (await admin.SendAsync(request)).AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.DoesNotContain((await admin.UnitAsync(team)).Members, m => m.PersonId == person);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData("Origin", "http://localhost")]
    public async Task A_request_the_browser_marks_as_our_own_reaches_the_endpoint(string header, string value)
    {
        var admin = await AdminAsync();

        var response = await admin.SendAsync(ProbeRequest((header, value)));

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_request_with_the_antiforgery_token_reaches_the_endpoint_whatever_its_origin_headers()
    {
        var admin = await AdminAsync();
        var token = await CodexApplicationFactory.AntiforgeryTokenAsync(admin, "/admin/mail");
        using var request = ProbeRequest(("Origin", "https://evil.example"));
        request.Headers.Add("RequestVerificationToken", token);

        var response = await admin.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reading_is_not_affected_and_api_answers_are_never_cached()
    {
        var admin = await AdminAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/org/units");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        var response = await admin.SendAsync(request);

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.True(response.Headers.CacheControl?.NoStore, "An API answer with personal data may be cached.");
        var page = await admin.GetAsync("/people");
        Assert.True(page.Headers.CacheControl?.NoStore, "A signed-in page may be cached.");
    }

    /// <summary>The probe, with the header set (it replaces the client's default Origin).</summary>
    private static HttpRequestMessage ProbeRequest((string Name, string? Value) header)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Probe);
        if (header.Value is not null)
        {
            request.Headers.Add(header.Name, header.Value);
        }

        return request;
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class CrossSiteRequestTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : CrossSiteRequestTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class CrossSiteRequestTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : CrossSiteRequestTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
