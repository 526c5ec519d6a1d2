using System.Net;
using System.Net.Http.Json;
using System.Text;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;

namespace Codex.IntegrationTests;

/// <summary>Whatever a client sends, the answer is a 4xx with problem details, never a 500.</summary>
public abstract class BadInputTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    private const string Json = "application/json";

    [Theory]
    [InlineData("malformed JSON", "POST", "/api/org/units", Json, """{ "name": "Team", "kind": """, 400)]
    [InlineData("JSON that is not an object", "POST", "/api/org/units", Json, """[1, 2, 3]""", 400)]
    [InlineData("a JSON null body", "POST", "/api/org/units", Json, "null", 400)]
    [InlineData("a number for a string", "POST", "/api/org/units", Json, """{ "name": 42, "kind": "Team", "parentId": "{department}" }""", 400)]
    [InlineData("a string for a guid", "POST", "/api/org/units", Json, """{ "name": "X", "kind": "Team", "parentId": "not-a-guid" }""", 400)]
    [InlineData("an unknown enum name", "POST", "/api/org/units", Json, """{ "name": "X", "kind": "Galaxy", "parentId": "{department}" }""", 400)]
    [InlineData("an undefined enum number", "POST", "/api/org/units", Json, """{ "name": "X", "kind": 99, "parentId": "{department}" }""", 400)]
    [InlineData("a null name", "POST", "/api/org/units", Json, """{ "name": null, "kind": "Team", "parentId": "{department}" }""", 400)]
    [InlineData("a name longer than 120 characters", "POST", "/api/org/units", Json, """{ "name": "{long}", "kind": "Team", "parentId": "{department}" }""", 400)]
    [InlineData("a missing body", "POST", "/api/org/units", null, null, 400)]
    [InlineData("an empty JSON body", "POST", "/api/org/units", Json, "", 400)]
    [InlineData("a form instead of JSON", "POST", "/api/org/units", "application/x-www-form-urlencoded", "name=X&kind=Team", 415)]
    [InlineData("a person without any fields", "POST", "/api/org/people", Json, "{}", 400)]
    [InlineData("a person with nulls everywhere", "POST", "/api/org/people", Json, """{ "firstName": null, "lastName": null, "email": null, "preferredLanguage": null }""", 400)]
    [InlineData("a boolean for a name", "POST", "/api/org/people", Json, """{ "firstName": true, "lastName": "X", "email": "x@example.org" }""", 400)]
    [InlineData("a rename without a version", "PUT", "/api/org/units/{department}/name", Json, """{ "name": "Ohne Version" }""", 400)]
    [InlineData("a rename with a text version", "PUT", "/api/org/units/{department}/name", Json, """{ "name": "X", "version": "eins" }""", 400)]
    [InlineData("a rename of a unit that does not exist", "PUT", "/api/org/units/{random}/name", Json, """{ "name": "X", "version": 1 }""", 404)]
    [InlineData("a move without a target", "PUT", "/api/org/units/{team}/parent", Json, """{ "version": 1 }""", 400)]
    [InlineData("a move of a team into itself", "PUT", "/api/org/units/{team}/parent", Json, """{ "newParentId": "{team}", "version": 1 }""", 400)]
    [InlineData("a lead flag that is not a boolean", "PUT", "/api/org/units/{team}/members/{lead}/lead", Json, """{ "isLead": "ja" }""", 400)]
    [InlineData("a lead flag for someone who is not a member", "PUT", "/api/org/units/{team}/members/{outsider}/lead", Json, """{ "isLead": true }""", 400)]
    [InlineData("adding a member a second time", "PUT", "/api/org/units/{team}/members/{lead}", null, null, 409)]
    [InlineData("adding a person who does not exist", "PUT", "/api/org/units/{team}/members/{random}", null, null, 404)]
    [InlineData("removing someone who is not a member", "DELETE", "/api/org/units/{team}/members/{outsider}", null, null, 400)]
    [InlineData("page 0", "GET", "/api/org/people?page=0", null, null, 400)]
    [InlineData("a negative page", "GET", "/api/org/people?page=-3", null, null, 400)]
    [InlineData("page size 10000", "GET", "/api/org/people?pageSize=10000", null, null, 400)]
    [InlineData("page size 0", "GET", "/api/org/people?pageSize=0", null, null, 400)]
    [InlineData("a page that is not a number", "GET", "/api/org/people?page=zwei", null, null, 400)]
    [InlineData("a unit filter that is not a guid", "GET", "/api/org/people?unitId=abc", null, null, 400)]
    [InlineData("a search longer than 100 characters", "GET", "/api/org/people?search={long}", null, null, 400)]
    [InlineData("a unit id that is not a guid", "GET", "/api/org/units/not-a-guid", null, null, 404)]
    [InlineData("a person id that is not a guid", "GET", "/api/org/people/42", null, null, 404)]
    [InlineData("participants of a unit id that is not a guid", "GET", "/api/codex/units/xyz/participants", null, null, 404)]
    [InlineData("a unit that does not exist", "GET", "/api/org/units/{random}", null, null, 404)]
    [InlineData("a person that does not exist", "GET", "/api/org/people/{random}", null, null, 404)]
    [InlineData("an endpoint that does not exist", "GET", "/api/org/nothing-here", null, null, 404)]
    [InlineData("a method the endpoint does not have", "DELETE", "/api/org/units", null, null, 405)]
    [InlineData("self-assessment without levels", "PUT", "/api/skills/me/levels", Json, "{}", 400)]
    [InlineData("self-assessment with a null level", "PUT", "/api/skills/me/levels", Json, """{ "levels": [null] }""", 400)]
    [InlineData("a requirement matrix without cells", "PUT", "/api/skills/matrix", Json, """{ "version": 1 }""", 400)]
    [InlineData("a tool with a null competence", "POST", "/api/skills/tools", Json, """{ "name": "Messenger", "competences": [null] }""", 400)]
    [InlineData("a NUL character in a name", "POST", "/api/org/units", Json, """{ "name": "Team\u0000Nord", "kind": "Team", "parentId": "{department}" }""", 400)]
    [InlineData("a bell character in a name", "POST", "/api/org/units", Json, """{ "name": "Team\u0007", "kind": "Team", "parentId": "{department}" }""", 400)]
    [InlineData("half a surrogate pair in a name", "POST", "/api/org/units", Json, """{ "name": "Team \ud800", "kind": "Team", "parentId": "{department}" }""", 400)]
    [InlineData("a NUL character in a search", "GET", "/api/org/people?search=%00", null, null, 400)]
    public async Task Bad_input_is_answered_with_a_client_error_never_a_500(
        string what, string method, string url, string? contentType, string? body, int expected)
    {
        var admin = await AdminAsync();
        var tree = await admin.TreeAsync();
        var team = tree.Single(u => u.Name == "Jugendtreff Mitte").Id;
        var values = new Dictionary<string, string>
        {
            ["{department}"] = tree.Single(u => u.Name == "Kinder- und Jugendhilfe").Id.ToString(),
            ["{team}"] = team.ToString(),
            ["{lead}"] = (await admin.UnitAsync(team)).Members.Single(m => m.IsLead).PersonId.ToString(),
            ["{outsider}"] = (await admin.PersonIdAsync("Anna Schmidt")).ToString(),
            ["{random}"] = Guid.NewGuid().ToString(),
            ["{long}"] = new string('x', 121),
        };
        string Fill(string text) => values.Aggregate(text, (t, v) => t.Replace(v.Key, v.Value, StringComparison.Ordinal));

        using var request = new HttpRequestMessage(new HttpMethod(method), Fill(url));
        if (contentType is not null)
        {
            request.Content = new StringContent(Fill(body ?? ""), Encoding.UTF8, contentType);
        }

        var response = await admin.SendAsync(request);

        var content = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expected,
            $"{what}: expected {expected}, got {(int)response.StatusCode} {response.StatusCode}: {content}");
        if (content.Length > 0)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_control_character_is_a_field_error_on_every_provider()
    {
        var admin = await AdminAsync();
        var department = await admin.UnitIdAsync("Kinder- und Jugendhilfe");

        var response = await admin.PostAsJsonAsync("/api/org/units", new { name = "Team\u0000Nord", kind = "Team", parentId = department });

        Assert.Equal(["name"], await response.AssertValidationProblemAsync());
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=10000", "pageSize")]
    [InlineData("page=0&pageSize=0", "page,pageSize")]
    public async Task Invalid_paging_names_the_offending_parameters(string query, string fields)
    {
        var response = await (await AdminAsync()).GetAsync("/api/org/people?" + query);

        Assert.Equal(fields.Split(','), await response.AssertValidationProblemAsync());
    }

    [Theory]
    [InlineData(100_000_000)]
    [InlineData(int.MaxValue)]
    public async Task A_page_far_beyond_the_last_is_empty_not_an_error(int page)
    {
        var result = await (await AdminAsync()).PeopleAsync($"page={page}&pageSize=200");

        Assert.Empty(result.Items);
        Assert.True(result.TotalCount >= 39);
        Assert.Equal(page, result.Page);
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class BadInputTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : BadInputTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class BadInputTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : BadInputTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
