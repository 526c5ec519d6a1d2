using System.Text.Json;
using System.Text.Json.Nodes;

namespace Codex.IntegrationTests.Fuzz;

/// <summary>A parameter of an operation as the OpenAPI document declares it (path or query).</summary>
public sealed record ApiParameter(string Name, string In, string Kind, string? Format, bool Required);

/// <summary>One operation of the host's OpenAPI document: method, path template, parameters, body media type and schema.</summary>
public sealed record ApiOperation(string Method, string Path, IReadOnlyList<ApiParameter> Parameters, string? BodyMediaType, JsonElement? BodySchema)
{
    public override string ToString() => $"{Method} {Path}";

    /// <summary>Every operation of the document, in a fixed order (path, then method).</summary>
    public static IReadOnlyList<ApiOperation> AllOf(JsonElement document)
    {
        var operations = new List<ApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var shared = path.Value.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Name is "parameters" or "summary" or "description" or "servers")
                {
                    continue;
                }

                var parameters = shared
                    .Concat(operation.Value.TryGetProperty("parameters", out var own) ? own.EnumerateArray() : [])
                    .Select(x => ParameterOf(document, x))
                    .Where(x => x.In is "path" or "query")
                    .ToList();
                string? mediaType = null;
                JsonElement? schema = null;
                if (operation.Value.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content))
                {
                    var chosen = content.EnumerateObject()
                        .OrderBy(c => c.Name.Contains("json", StringComparison.Ordinal) ? 0 : 1)
                        .FirstOrDefault();
                    if (chosen.Name is not null)
                    {
                        mediaType = chosen.Name;
                        schema = chosen.Value.TryGetProperty("schema", out var s) ? s : null;
                    }
                }

                operations.Add(new ApiOperation(operation.Name.ToUpperInvariant(), path.Name, parameters, mediaType, schema));
            }
        }

        return [.. operations.OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal)];
    }

    private static ApiParameter ParameterOf(JsonElement document, JsonElement parameter)
    {
        var schema = parameter.TryGetProperty("schema", out var s) ? Schemas.Resolve(document, s) : default;
        return new ApiParameter(
            parameter.GetProperty("name").GetString()!,
            parameter.GetProperty("in").GetString()!,
            schema.ValueKind == JsonValueKind.Object ? Schemas.KindOf(document, schema) : "string",
            schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) ? f.GetString() : null,
            parameter.TryGetProperty("required", out var r) && r.GetBoolean());
    }
}

/// <summary>Reading JSON schemas of an OpenAPI 3.1 document: references, kinds, and a plausible sample value.</summary>
public static class Schemas
{
    public static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        for (var depth = 0; depth < 10 && schema.ValueKind == JsonValueKind.Object; depth++)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                var name = reference.GetString()!.Split('/')[^1];
                schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
                continue;
            }

            // A nullable reference: oneOf/anyOf [{ "type": "null" }, { "$ref": … }].
            var alternative = new[] { "oneOf", "anyOf", "allOf" }
                .Where(k => schema.TryGetProperty(k, out _))
                .SelectMany(k => schema.GetProperty(k).EnumerateArray())
                .FirstOrDefault(a => !(a.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null"));
            if (alternative.ValueKind == JsonValueKind.Object && !schema.TryGetProperty("type", out _) && !schema.TryGetProperty("properties", out _))
            {
                schema = alternative;
                continue;
            }

            break;
        }

        return schema;
    }

    /// <summary>string, integer, number, boolean, array or object (a nullable type's non-null part).</summary>
    public static string KindOf(JsonElement document, JsonElement schema)
    {
        schema = Resolve(document, schema);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return "string";
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array
                ? type.EnumerateArray().Select(t => t.GetString()!).ToList()
                : [type.GetString()!];
            foreach (var preferred in new[] { "integer", "number", "boolean", "array", "object", "string" })
            {
                if (types.Contains(preferred))
                {
                    return preferred;
                }
            }
        }

        return schema.TryGetProperty("properties", out _) ? "object" : schema.TryGetProperty("enum", out _) ? "string" : "object";
    }

    /// <summary>The properties of an object schema, by name, with their (unresolved) schemas.</summary>
    public static IReadOnlyList<(string Name, JsonElement Schema)> PropertiesOf(JsonElement document, JsonElement schema)
    {
        schema = Resolve(document, schema);
        return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties)
            ? [.. properties.EnumerateObject().Select(p => (p.Name, p.Value))]
            : [];
    }

    public static JsonElement? ItemsOf(JsonElement document, JsonElement schema)
    {
        schema = Resolve(document, schema);
        return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("items", out var items) ? items : null;
    }

    /// <summary>A value of the schema's shape, with real ids where one is known for the field's name.</summary>
    public static JsonNode? Sample(JsonElement document, JsonElement schema, string name, Func<string, string> idFor, int depth = 0)
    {
        var resolved = Resolve(document, schema);
        var kind = KindOf(document, resolved);
        if (resolved.ValueKind == JsonValueKind.Object && resolved.TryGetProperty("enum", out var values))
        {
            var first = values.EnumerateArray().FirstOrDefault(v => v.ValueKind != JsonValueKind.Null);
            return first.ValueKind == JsonValueKind.Undefined ? null : JsonNode.Parse(first.GetRawText());
        }

        var format = resolved.ValueKind == JsonValueKind.Object && resolved.TryGetProperty("format", out var f) ? f.GetString() : null;
        switch (kind)
        {
            case "integer":
            case "number":
                return JsonValue.Create(1);
            case "boolean":
                return JsonValue.Create(true);
            case "array":
                var items = ItemsOf(document, resolved);
                var array = new JsonArray();
                if (items is { } itemSchema && depth < 3)
                {
                    array.Add(Sample(document, itemSchema, Singular(name), idFor, depth + 1));
                }

                return array;
            case "object":
                var result = new JsonObject();
                if (depth < 4)
                {
                    foreach (var (propertyName, propertySchema) in PropertiesOf(document, resolved))
                    {
                        result[propertyName] = Sample(document, propertySchema, propertyName, idFor, depth + 1);
                    }
                }

                return result;
            default:
                return format switch
                {
                    "uuid" => JsonValue.Create(idFor(name)),
                    "date-time" => JsonValue.Create("2026-12-01T10:00:00+01:00"),
                    "date" => JsonValue.Create("2026-12-01"),
                    "email" => JsonValue.Create("fuzz@codex-tests.example"),
                    _ => JsonValue.Create(name.Contains("mail", StringComparison.OrdinalIgnoreCase) ? "fuzz@codex-tests.example" : "Fuzz"),
                };
        }
    }

    private static string Singular(string name) => name.EndsWith('s') ? name[..^1] : name;
}
