using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;
using Codex.Testing;
using Xunit.Abstractions;

namespace Codex.IntegrationTests.Fuzz;

/// <summary>
/// Every operation the host's OpenAPI document lists, sent by every role with malformed and
/// boundary input: no body, <c>{}</c>, each field null or of the wrong type, list items null,
/// huge strings, control characters, unknown and malformed ids, ids of real objects — each with
/// <c>Accept: application/json</c> and <c>text/html</c>. Nothing a client sends may answer 5xx.
/// The host is this class's own (mutations are allowed; only server errors fail).
/// </summary>
public abstract class OpenApiFuzzTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host, ITestOutputHelper output)
    : HostTest(provider, postgres, host)
{
    private static readonly string Huge = new('x', 200_000);
    private const string ControlCharacters = "Fuzz\u0000\u0001\u001b[31m\u007f";
    private static readonly string UnknownId = "0f0f0f0f-0000-4000-8000-00000000f022";
    private static readonly string[] Accepts = ["application/json", "text/html"];

    [Fact]
    public async Task No_request_to_any_api_operation_answers_a_server_error_whatever_the_role_and_input()
    {
        var admin = await AdminAsync();
        var document = JsonDocument.Parse(await admin.GetStringAsync("/openapi/v1.json")).RootElement;
        var operations = ApiOperation.AllOf(document);
        // The document must describe the API, or this test would pass by sending nothing.
        Assert.True(operations.Count >= 20, $"The OpenAPI document lists only {operations.Count} operations.");
        var ids = await KnownIds.HarvestAsync(admin, operations);

        // The weakest role first, the admin last: a mutation by a stronger role (a deleted unit, a
        // changed right) then takes away as little as possible from the roles after it.
        var roles = new List<(string Name, HttpClient Client)>
        {
            ("anonymous", Factory.CreateAnonymousClient()),
            ("member", await MemberAsync()),
            ("team lead", await TeamLeadAsync()),
            ("HR", await HumanResourcesAsync()),
            ("admin", admin),
        };
        var log = ErrorLog.Attach(Factory);
        var failures = new List<string>();
        var sent = 0;
        var clock = Stopwatch.StartNew();
        foreach (var (role, client) in roles)
        {
            var passedAuthentication = 0;
            foreach (var operation in operations)
            {
                var variants = Variants(document, operation, ids).ToList();
                foreach (var variant in variants)
                {
                    // Both kinds of client at once: the same request on the same data, half the wait.
                    var answers = await Task.WhenAll(Accepts.Select(accept => SendAsync(client, operation, variant, accept, log)));
                    foreach (var (accept, status, errors) in answers)
                    {
                        sent++;
                        if (status is not (401 or 403))
                        {
                            passedAuthentication++;
                        }

                        if (status >= 500)
                        {
                            failures.Add($"{role,-9} | {operation.Method} {Excerpt(variant.Url, 120)} | {variant.What} | body {Excerpt(variant.Body ?? "(none)", 80)} | Accept {accept} | {status}" +
                                (errors.Count > 0 ? $"\n      {string.Join("\n      ", errors.Distinct())}" : ""));
                        }
                    }

                    // Sign-in comes before anything is read from the request: without it, the
                    // other variants would only be refused the same way.
                    if (variant == variants[0] && answers[0].Status == 401)
                    {
                        break;
                    }
                }
            }

            output.WriteLine($"{role}: {passedAuthentication} requests got past sign-in and rights checks");
        }

        output.WriteLine($"{sent} requests to {operations.Count} operations in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(failures.Count == 0,
            $"{failures.Count} of {sent} requests answered a server error (role | request | variant | body | accept | status):\n" +
            string.Join("\n", failures));
    }

    private static async Task<(string Accept, int Status, IReadOnlyList<string> Errors)> SendAsync(
        HttpClient client, ApiOperation operation, Variant variant, string accept, ErrorLog log)
    {
        using var request = new HttpRequestMessage(new HttpMethod(operation.Method), variant.Url);
        request.Headers.Accept.ParseAdd(accept);
        var (traceparent, traceId) = ErrorLog.NewTrace();
        request.Headers.Add("traceparent", traceparent);
        if (variant.Body is not null)
        {
            request.Content = new StringContent(variant.Body, Encoding.UTF8, variant.MediaType ?? "application/json");
        }

        try
        {
            using var response = await client.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            return (accept, (int)response.StatusCode, log.OfTrace(traceId));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The in-process server rethrows what escaped the pipeline: a 500 a real client would see.
            return (accept, 500, [$"thrown to the client: {e.GetType().Name}: {e.Message}", .. log.OfTrace(traceId)]);
        }
    }

    private static string Excerpt(string text, int length)
    {
        var flat = text.Replace("\0", "\\0", StringComparison.Ordinal).Replace("\u0001", "\\x01", StringComparison.Ordinal)
            .Replace("\u001b", "\\e", StringComparison.Ordinal).Replace("\u007f", "\\x7f", StringComparison.Ordinal)
            .Replace(Huge, "x×200000", StringComparison.Ordinal).Replace(Uri.EscapeDataString(Huge), "x×200000", StringComparison.Ordinal);
        return flat.Length <= length ? flat : flat[..length] + "…";
    }

    /// <summary>One request to send: its URL (path parameters filled in), body and what it tries.</summary>
    private sealed record Variant(string What, string Url, string? Body, string? MediaType);

    private static IEnumerable<Variant> Variants(JsonElement document, ApiOperation operation, KnownIds ids)
    {
        var pathParameters = operation.Parameters.Where(p => p.In == "path").ToList();
        var queryParameters = operation.Parameters.Where(p => p.In == "query").ToList();
        var realValues = pathParameters.ToDictionary(p => p.Name, p => ids.ForPathParameter(operation.Path, p));
        string UrlWith(IReadOnlyDictionary<string, string> values, string query = "") =>
            values.Aggregate(operation.Path, (path, v) => path.Replace("{" + v.Key + "}", Uri.EscapeDataString(v.Value), StringComparison.Ordinal)) + query;
        var url = UrlWith(realValues);

        // The path: each id unknown, not an id at all, or the id of another real object.
        foreach (var parameter in pathParameters)
        {
            var others = new Dictionary<string, string>(realValues);
            foreach (var (what, value) in PathValues(parameter, ids))
            {
                others[parameter.Name] = value;
                yield return new Variant($"path {parameter.Name} {what}", UrlWith(others), BaselineBody(document, operation, ids), operation.BodyMediaType);
            }
        }

        // The query: each parameter of the wrong type, huge, with control characters.
        foreach (var parameter in queryParameters)
        {
            foreach (var (what, value) in QueryValues(parameter))
            {
                yield return new Variant($"query {parameter.Name} {what}", url + "?" + parameter.Name + "=" + Uri.EscapeDataString(value), null, null);
            }
        }

        if (operation.BodySchema is not { } schema)
        {
            yield return new Variant("as declared", url, null, null);
            yield return new Variant("an unexpected JSON body", url, """{"unexpected":"\u0000"}""", "application/json");
            yield break;
        }

        var mediaType = operation.BodyMediaType!;
        yield return new Variant("no body", url, null, null);
        yield return new Variant("an empty body", url, "", mediaType);
        if (!mediaType.Contains("json", StringComparison.Ordinal))
        {
            // Uploads and forms: garbage of their own type and JSON instead.
            yield return new Variant("garbage", url, "--x\r\n\u0000\u0001 nothing valid" + Huge[..5000], mediaType);
            yield return new Variant("JSON instead", url, "{}", "application/json");
            yield break;
        }

        yield return new Variant("{}", url, "{}", mediaType);
        yield return new Variant("null", url, "null", mediaType);
        yield return new Variant("[]", url, "[]", mediaType);
        yield return new Variant("broken JSON", url, "{\"a\":", mediaType);
        yield return new Variant("as declared", url, BaselineBody(document, operation, ids), mediaType);

        var properties = Schemas.PropertiesOf(document, schema);
        if (properties.Count == 0 && Schemas.KindOf(document, schema) == "array")
        {
            yield return new Variant("a list with a null item", url, "[null]", mediaType);
            yield return new Variant("a list of wrong types", url, "[1, \"x\", true, {}, []]", mediaType);
            yield break;
        }

        var index = 0;
        foreach (var (name, propertySchema) in properties)
        {
            var kind = Schemas.KindOf(document, propertySchema);
            foreach (var (what, value) in FieldValues(document, propertySchema, kind, index++))
            {
                var body = (JsonObject)Schemas.Sample(document, schema, "", ids.ForField)!;
                body[name] = value;
                yield return new Variant($"field {name} ({kind}) {what}", url, body.ToJsonString(), mediaType);
            }

            // One level deeper: the fields of each item of a list of objects.
            if (kind == "array" && Schemas.ItemsOf(document, propertySchema) is { } items && Schemas.KindOf(document, items) == "object")
            {
                var itemIndex = 0;
                foreach (var (itemField, itemFieldSchema) in Schemas.PropertiesOf(document, items))
                {
                    var itemKind = Schemas.KindOf(document, itemFieldSchema);
                    foreach (var (what, value) in FieldValues(document, itemFieldSchema, itemKind, itemIndex++).Take(3))
                    {
                        var body = (JsonObject)Schemas.Sample(document, schema, "", ids.ForField)!;
                        var item = (JsonObject)body[name]!.AsArray()[0]!;
                        item[itemField] = value;
                        yield return new Variant($"field {name}[0].{itemField} ({itemKind}) {what}", url, body.ToJsonString(), mediaType);
                    }
                }
            }
        }
    }

    private static string? BaselineBody(JsonElement document, ApiOperation operation, KnownIds ids) =>
        operation.BodySchema is { } schema && operation.BodyMediaType!.Contains("json", StringComparison.Ordinal)
            ? Schemas.Sample(document, schema, "", ids.ForField)?.ToJsonString() ?? "null"
            : null;

    private static IEnumerable<(string What, string Value)> PathValues(ApiParameter parameter, KnownIds ids)
    {
        if (parameter.Format == "uuid")
        {
            yield return ("unknown", UnknownId);
            if (ids.AnotherRealId(parameter.Name) is { } other)
            {
                yield return ("another real object", other);
            }
        }
        else if (parameter.Kind is "integer" or "number")
        {
            yield return ("negative", "-1");
            yield return ("beyond int", "99999999999999999999");
        }

        yield return ("not an id", "kein-id");
        // Not NUL: the in-process test server refuses a NUL in the path before the app sees it.
        yield return ("control characters", "a\u0001\u001bb");
    }

    private static IEnumerable<(string What, string Value)> QueryValues(ApiParameter parameter)
    {
        yield return ("of the wrong type", parameter.Kind switch
        {
            "integer" or "number" => "zwei",
            "boolean" => "vielleicht",
            _ when parameter.Format == "uuid" => "kein-id",
            _ => "1",
        });
        if (parameter.Kind is "integer" or "number")
        {
            yield return ("beyond int", "99999999999999999999");
            yield return ("negative", "-2147483648");
        }

        yield return ("huge", Huge);
        yield return ("control characters", ControlCharacters);
    }

    /// <summary>Null, one value of another JSON type (a different one per field), and per kind its boundaries.</summary>
    private static IEnumerable<(string What, JsonNode? Value)> FieldValues(JsonElement document, JsonElement schema, string kind, int index)
    {
        yield return ("null", null);
        JsonNode?[] wrong = kind switch
        {
            "string" => [JsonValue.Create(42), JsonValue.Create(true), new JsonArray(), new JsonObject()],
            "integer" or "number" => [JsonValue.Create("zwei"), JsonValue.Create(false), new JsonArray(), JsonValue.Create(1e300)],
            "boolean" => [JsonValue.Create("ja"), JsonValue.Create(1), new JsonObject(), new JsonArray()],
            "array" => [JsonValue.Create("Fuzz"), new JsonObject(), JsonValue.Create(1), JsonValue.Create(true)],
            _ => [JsonValue.Create("Fuzz"), new JsonArray(), JsonValue.Create(1), JsonValue.Create(false)],
        };
        var chosen = wrong[index % wrong.Length];
        yield return ($"as {chosen!.GetValueKind()}", chosen);

        switch (kind)
        {
            case "string":
                yield return ("huge", JsonValue.Create(Huge));
                yield return ("control characters", JsonValue.Create(ControlCharacters));
                break;
            case "integer" or "number":
                yield return ("int.MinValue", JsonValue.Create(int.MinValue));
                break;
            case "array":
                yield return ("with a null item", new JsonArray((JsonNode?)null));
                if (Schemas.ItemsOf(document, schema) is { } items)
                {
                    var itemKind = Schemas.KindOf(document, items);
                    yield return ("with an item of the wrong type", new JsonArray(itemKind == "string" ? JsonValue.Create(7) : JsonValue.Create("Fuzz")));
                    if (itemKind == "string")
                    {
                        yield return ("with a huge item", new JsonArray(JsonValue.Create(Huge)));
                    }
                }

                yield return ("with 1 000 null items", new JsonArray([.. Enumerable.Range(0, 1_000).Select(_ => (JsonNode?)null)]));
                break;
        }
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class OpenApiFuzzTestsOnSqlite(PostgresFixture postgres, SharedHost host, ITestOutputHelper output)
    : OpenApiFuzzTests(DatabaseProvider.Sqlite, postgres, host, output), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class OpenApiFuzzTestsOnPostgreSql(PostgresFixture postgres, SharedHost host, ITestOutputHelper output)
    : OpenApiFuzzTests(DatabaseProvider.PostgreSql, postgres, host, output), IClassFixture<SharedHost>;
