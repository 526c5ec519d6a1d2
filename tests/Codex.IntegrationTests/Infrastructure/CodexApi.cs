using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Codex.IntegrationTests.Infrastructure;

public sealed record UnitNode(Guid Id, string Name, string Kind, Guid? ParentId, int MemberCount, int Depth);

public sealed record UnitMember(Guid PersonId, string DisplayName, bool IsLead);

public sealed record UnitDetails(Guid Id, string Name, string Kind, Guid? ParentId, int Version, IReadOnlyList<UnitMember> Members);

public sealed record PersonItem(Guid Id, string FirstName, string LastName, string? Email, bool IsActive);

public sealed record PeoplePage(IReadOnlyList<PersonItem> Items, int Page, int PageSize, int TotalCount);

public sealed record Participant(Guid PersonId, bool IsLead, DateTimeOffset Since);

/// <summary>The JSON API as the tests use it; every helper asserts the status it expects.</summary>
public static class CodexApi
{
    public const string DemoOrganisation = "Sozialwerk Rheinaue e.V.";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IReadOnlyList<UnitNode>> TreeAsync(this HttpClient client) =>
        await client.GetOkAsync<List<UnitNode>>("/api/org/units");

    public static async Task<Guid> UnitIdAsync(this HttpClient client, string name) =>
        (await client.TreeAsync()).Single(u => u.Name == name).Id;

    public static Task<UnitDetails> UnitAsync(this HttpClient client, Guid id) =>
        client.GetOkAsync<UnitDetails>($"/api/org/units/{id}");

    public static async Task<Guid> CreateUnitAsync(this HttpClient client, string name, string kind, Guid? parentId)
    {
        var response = await client.PostAsJsonAsync("/api/org/units", new { name, kind, parentId });
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<IdResponse>(Json))!.Id;
    }

    public static async Task<Guid> CreatePersonAsync(this HttpClient client, string firstName, string lastName, string? email = null)
    {
        email ??= $"{Guid.NewGuid():N}@codex-tests.example";
        var response = await client.PostAsJsonAsync("/api/org/people", new { firstName, lastName, email, preferredLanguage = "de" });
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<IdResponse>(Json))!.Id;
    }

    public static Task<PeoplePage> PeopleAsync(this HttpClient client, string query) =>
        client.GetOkAsync<PeoplePage>("/api/org/people?" + query);

    public static async Task<Guid> PersonIdAsync(this HttpClient client, string search) =>
        Assert.Single((await client.PeopleAsync("search=" + Uri.EscapeDataString(search))).Items).Id;

    public static async Task<IReadOnlyList<Participant>> ParticipantsAsync(this HttpClient client, Guid unitId) =>
        await client.GetOkAsync<List<Participant>>($"/api/codex/units/{unitId}/participants");

    public static async Task<T> GetOkAsync<T>(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    /// <summary>Asserts the status, showing the response body when it differs.</summary>
    public static async Task AssertStatusAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"Expected {(int)expected} {expected} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}, " +
                $"got {(int)response.StatusCode} {response.StatusCode}: {body}");
        }
    }

    /// <summary>Asserts an RFC 9457 problem details response with this status and returns its JSON.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        await response.AssertStatusAsync(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>Asserts a validation problem and returns the field names that have errors.</summary>
    public static async Task<IReadOnlyList<string>> AssertValidationProblemAsync(this HttpResponseMessage response)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        return [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
    }

    private sealed record IdResponse(Guid Id);
}

public static class Eventually
{
    /// <summary>
    /// Polls <paramref name="probe"/> until <paramref name="done"/> holds; fails with the last value
    /// seen when it does not within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string expectation)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not within {timeout.TotalSeconds} s: {expectation}. Last seen: {JsonSerializer.Serialize(value, CodexApi.Json)}");
            }

            await Task.Delay(200);
        }
    }
}
