using System.Net;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;

namespace Codex.IntegrationTests;

/// <summary>
/// One error contract for API and pages, whatever the Accept header: an unknown id is a 404, never
/// a 500; a person meets a friendly page in the layout (title, language, a way back), a program
/// meets problem details.
/// </summary>
public abstract class ErrorContractTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    [Theory]
    [InlineData("text/html")]
    [InlineData("application/json")]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")]
    [InlineData("image/png")]
    public async Task An_unknown_id_in_the_api_is_a_404_problem_whatever_the_client_accepts(string accept)
    {
        var admin = await AdminAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/org/units/{Guid.NewGuid()}");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_page_is_a_friendly_404_in_the_layout_with_a_way_home()
    {
        var member = await MemberAsync();

        var response = await member.GetAsync("/intranet/anleitungen/gibt-es-nicht");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"de\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>Seite nicht gefunden – Codex</title>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/\">Zur", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_404_page_speaks_the_readers_language()
    {
        var member = await MemberAsync();

        var response = await member.GetAsync("/nirgendwo?culture=en-GB");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Page not found", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_form_about_something_that_no_longer_exists_shows_the_404_page_not_a_500()
    {
        var hr = await HumanResourcesAsync();
        var page = await (await hr.GetAsync("/skills/roles")).Content.ReadAsStringAsync();
        // Any form of the page carries the antiforgery token (here: the language switch in the layout).
        var token = (await HtmlForm.Submit(page, "/culture").ReadAsStringAsync()).Split('&')
            .Single(f => f.StartsWith("__RequestVerificationToken=", StringComparison.Ordinal)).Split('=', 2)[1];
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.UrlDecode(token),
            ["id"] = Guid.NewGuid().ToString(),
            ["version"] = "1",
        });

        var response = await hr.PostAsync("/skills/roles?handler=Delete", form);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Seite nicht gefunden", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_for_an_unknown_unit_is_a_404_page()
    {
        var admin = await AdminAsync();

        var response = await admin.GetAsync($"/org/units/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Seite nicht gefunden", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class ErrorContractTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : ErrorContractTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class ErrorContractTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : ErrorContractTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
