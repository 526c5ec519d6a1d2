using System.Net;
using System.Text.Json;
using Codex.IntegrationTests.Infrastructure;
using Codex.Testing;

namespace Codex.IntegrationTests.Outage;

/// <summary>
/// The database goes down while people are signed in, and comes back. Meanwhile every API call
/// answers 503 problem details with <c>Retry-After</c> and every page the outage page, in the
/// reader's language; nobody is signed out, nothing is logged as an error; afterwards the same
/// calls work again, without restarting Codex.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class DatabaseOutageTests(DatabaseOutageTests.OutageHost host) : IClassFixture<DatabaseOutageTests.OutageHost>
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task While_the_database_is_down_the_api_and_pages_answer_503_and_both_recover_by_themselves_with_the_sessions_kept()
    {
        var admin = await host.Factory.SignInAsync(DemoLogins.Admin);
        var member = await host.Factory.SignInAsync(DemoLogins.Member);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/org/units")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/")).StatusCode);
        var visitor = host.Factory.CreateAnonymousClient();
        var loginToken = await CodexApplicationFactory.AntiforgeryTokenAsync(visitor, "/Account/Login");

        await host.Cluster.StopForOutageAsync();

        foreach (var accept in new[] { "application/json", "text/html", "*/*" })
        {
            foreach (var client in new[] { admin, member })
            {
                var (response, errors) = await SendAsync(client, "/api/org/units", accept);
                await AssertUnavailableProblemAsync(response, accept);
                Assert.Empty(errors);
            }
        }

        var (germanPage, germanErrors) = await SendAsync(admin, "/", "text/html");
        await AssertOutagePageAsync(germanPage, "Codex ist gleich wieder da", "Ihre gespeicherten Daten sind sicher", "Sie bleiben angemeldet", "Erneut versuchen");
        Assert.Empty(germanErrors);
        var (englishPage, englishErrors) = await SendAsync(member, "/org?culture=en-GB", "text/html");
        var english = await AssertOutagePageAsync(englishPage, "Codex will be back in a moment", "Your saved data is safe", "You stay signed in", "Try again");
        Assert.Contains("href=\"/org?culture=en-GB\"", english, StringComparison.Ordinal);
        Assert.Empty(englishErrors);
        // A form sent during the outage: the page says honestly that it may not have been saved.
        var sent = await admin.PostAsync("/org?handler=Rename", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Neu" }));
        var sentPage = await AssertOutagePageAsync(sent, "Codex ist gleich wieder da", "möglicherweise nicht gespeichert");
        Assert.Contains("href=\"/org\"", sentPage, StringComparison.Ordinal);
        // Someone signing in meanwhile gets the outage page too, without the promise of a kept session.
        var login = await visitor.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = DemoLogins.TeamLead,
            ["Input.Password"] = DemoLogins.Password,
            ["__RequestVerificationToken"] = loginToken,
        }));
        var loginPage = await AssertOutagePageAsync(login, "Codex ist gleich wieder da", "Erneut versuchen");
        Assert.DoesNotContain("Sie bleiben angemeldet", loginPage, StringComparison.Ordinal);
        // The health check still answers for the database itself.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await host.Factory.CreateAnonymousClient().GetAsync("/health/ready")).StatusCode);

        await host.Cluster.StartAgainAsync();

        await Eventually.HoldsAsync(
            async () => (int)(await admin.GetAsync("/api/org/units")).StatusCode,
            status => status == 200, Recovery, "the admin's API call answers 200 again");
        await Eventually.HoldsAsync(
            async () => (int)(await member.GetAsync("/api/org/units")).StatusCode,
            status => status == 200, Recovery, "the member's API call answers 200 again");
        // Still signed in: the page itself, not a redirect to the sign-in page.
        var home = await member.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("/Account/Logout", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/")).StatusCode);
    }

    private async Task<(HttpResponseMessage Response, IReadOnlyList<string> Errors)> SendAsync(HttpClient client, string path, string accept)
    {
        var (traceparent, traceId) = ErrorLog.NewTrace();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        request.Headers.Add("traceparent", traceparent);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return (response, host.Errors.OfTrace(traceId));
    }

    private static async Task AssertUnavailableProblemAsync(HttpResponseMessage response, string accept)
    {
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"Accept {accept}: {(int)response.StatusCode}");
        AssertRetryAfterAndSessionKept(response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("title").GetString()));
    }

    private static async Task<string> AssertOutagePageAsync(HttpResponseMessage response, params string[] texts)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        AssertRetryAfterAndSessionKept(response);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.All(texts, text => Assert.Contains(text, html, StringComparison.Ordinal));
        return html;
    }

    private static void AssertRetryAfterAndSessionKept(HttpResponseMessage response)
    {
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
        Assert.DoesNotContain(cookies, c => c.StartsWith("Codex.Auth", StringComparison.Ordinal));
    }

    /// <summary>A host on a PostgreSQL cluster of its own: stopping it leaves the other tests' cluster alone.</summary>
    public sealed class OutageHost : IAsyncLifetime
    {
        private PostgresCluster? _cluster;
        private CodexApplicationFactory? _factory;

        public PostgresCluster Cluster => _cluster!;

        public CodexApplicationFactory Factory => _factory!;

        public ErrorLog Errors { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _cluster = await PostgresCluster.StartAsync();
            // The immediate stop would otherwise forget the last commits, among them the sessions
            // the test has just signed in with (the test cluster runs with synchronous_commit off).
            await _cluster.MakeCommitsDurableAsync();
            _factory = (await CodexApplicationFactory.ForPostgreSqlAsync(_cluster)).Quiet();
            _ = _factory.Services;
            Errors = ErrorLog.Attach(_factory);
        }

        public async Task DisposeAsync()
        {
            if (_factory is not null)
            {
                await _factory.DisposeAsync();
            }

            if (_cluster is not null)
            {
                await _cluster.DisposeAsync();
            }
        }
    }
}
