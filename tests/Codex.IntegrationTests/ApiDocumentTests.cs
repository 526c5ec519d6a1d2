using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;
using Codex.Testing;

namespace Codex.IntegrationTests;

/// <summary>
/// `/openapi/v1.json` is documentation a partner's developer can build on: every operation named,
/// summarised, tagged, secured by the sign-in cookie and listing the problem answers it can give;
/// it passes a standard linter; admins read it as an interactive reference. Provider-independent,
/// so on SQLite only.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed partial class ApiDocumentTests(PostgresFixture postgres, SharedHost host)
    : HostTest(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task Every_operation_has_a_unique_operation_id_a_summary_and_a_described_tag()
    {
        var document = await DocumentAsync();
        var declaredTags = document.GetProperty("tags").EnumerateArray()
            .Where(t => t.TryGetProperty("description", out var d) && d.GetString()!.Length > 0)
            .Select(t => t.GetProperty("name").GetString()).ToHashSet();

        var operations = Operations(document).ToList();

        Assert.True(operations.Count > 90, $"only {operations.Count} operations");
        Assert.All(operations, o =>
        {
            Assert.True(o.Operation.TryGetProperty("operationId", out var id) && id.GetString()!.Length > 0, $"{o.Name} has no operationId");
            Assert.True(o.Operation.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 5, $"{o.Name} has no summary");
            Assert.All(o.Operation.GetProperty("tags").EnumerateArray(), t => Assert.Contains(t.GetString(), declaredTags));
        });
        var ids = operations.Select(o => o.Operation.GetProperty("operationId").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Every_operation_is_secured_by_the_sign_in_cookie_and_lists_its_problem_answers()
    {
        var document = await DocumentAsync();
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("cookie");
        Assert.Equal(("apiKey", "cookie", "Codex.Auth"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString()));
        Assert.Equal("cookie", document.GetProperty("security")[0].EnumerateObject().Single().Name);

        foreach (var (name, method, path, operation) in Operations(document))
        {
            var responses = operation.GetProperty("responses");
            var open = operation.TryGetProperty("security", out var security) && security.GetArrayLength() == 0;
            if (!open)
            {
                Assert.True(responses.TryGetProperty("401", out _) && responses.TryGetProperty("403", out _), $"{name}: 401/403 missing");
            }

            if (path.Contains('{', StringComparison.Ordinal))
            {
                Assert.True(responses.TryGetProperty("404", out _), $"{name}: 404 missing");
            }

            if (method != "get" && !open)
            {
                Assert.True(responses.TryGetProperty("409", out _), $"{name}: 409 missing");
            }

            if (operation.TryGetProperty("requestBody", out _) || operation.TryGetProperty("parameters", out _))
            {
                Assert.True(responses.TryGetProperty("400", out _), $"{name}: 400 missing");
            }
        }

        var problem = document.GetProperty("components").GetProperty("responses").GetProperty("Problem404");
        Assert.True(problem.GetProperty("content").TryGetProperty("application/problem+json", out _));
    }

    [Fact]
    public async Task The_document_passes_the_redocly_linter_without_errors_or_warnings()
    {
        var json = await (await MemberAsync()).GetStringAsync("/openapi/v1.json");

        var outcome = await OpenApiLinter.LintAsync(json);

        Assert.True(outcome.ExitCode == 0, outcome.Output);
        Assert.DoesNotMatch(ProblemLine(), outcome.Output);
        Assert.Contains("Your API description is valid", outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admins_open_the_interactive_reference_and_nobody_else_does()
    {
        var admin = await AdminAsync();

        var page = await admin.GetAsync("/api-reference/");
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"{page.StatusCode} {page.Headers.Location}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("\"url\":\"openapi/v1.json\"", html, StringComparison.Ordinal);
        var script = Regex.Match(html, "<script[^>]+src=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(script.StartsWith("http", StringComparison.Ordinal), $"the reference loads {script} from elsewhere");
        await (await admin.GetAsync(new Uri(new Uri("http://localhost/api-reference/"), script).AbsolutePath)).AssertStatusAsync(HttpStatusCode.OK);

        foreach (var other in new[] { await MemberAsync(), await HumanResourcesAsync() })
        {
            var refused = await other.GetAsync("/api-reference/");
            Assert.Equal(HttpStatusCode.Found, refused.StatusCode);
            Assert.Contains("/Account/AccessDenied", refused.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        }

        Assert.NotEqual(HttpStatusCode.OK, (await Factory.CreateAnonymousClient().GetAsync("/api-reference/")).StatusCode);
    }

    private async Task<JsonElement> DocumentAsync() =>
        JsonDocument.Parse(await (await MemberAsync()).GetStringAsync("/openapi/v1.json")).RootElement;

    private static IEnumerable<(string Name, string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from item in path.Value.EnumerateObject()
        where Methods.Contains(item.Name)
        select ($"{item.Name.ToUpperInvariant()} {path.Name}", item.Name, path.Name, item.Value);

    /// <summary>A stylish-format finding: "  12:5  warning  rule-name  message".</summary>
    [GeneratedRegex(@"^\s*\d+:\d+\s+(warning|error)\s", RegexOptions.Multiline)]
    private static partial Regex ProblemLine();
}
