using System.Text.Json;
using Codex.IntegrationTests.Infrastructure;

namespace Codex.IntegrationTests.Fuzz;

/// <summary>
/// Ids of real objects, read as the admin from every list the API offers, by the JSON property
/// they appeared under (<c>unitId</c>, <c>personId</c>, …) and by the collection they came from
/// (<c>/api/org/units</c> → its items' <c>id</c>). The people behind the demo logins are left out,
/// so the fuzz never makes a role end its own session (e.g. by letting the admin leave).
/// </summary>
public sealed class KnownIds
{
    private readonly Dictionary<string, List<string>> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> _byCollection = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _protected = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<KnownIds> HarvestAsync(HttpClient admin, IReadOnlyList<ApiOperation> operations)
    {
        var ids = new KnownIds();
        foreach (var name in new[] { "Bernd Engel", "Heike Sommer", "Sabine Krüger", "Mehmet Yilmaz" })
        {
            foreach (var person in (await admin.PeopleAsync("search=" + Uri.EscapeDataString(name))).Items)
            {
                ids._protected.Add(person.Id.ToString());
            }
        }

        var gets = operations.Where(o => o.Method == "GET" && !o.Parameters.Any(p => p.In == "path" && p.Required)).ToList();
        foreach (var operation in gets)
        {
            await ids.ReadAsync(admin, operation.Path);
        }

        // A second round: the details behind the first ids (a unit's members, a path's steps).
        foreach (var operation in operations.Where(o => o.Method == "GET" && o.Parameters.Count(p => p.In == "path") == 1))
        {
            var parameter = operation.Parameters.Single(p => p.In == "path");
            if (parameter.Format == "uuid")
            {
                await ids.ReadAsync(admin, operation.Path.Replace("{" + parameter.Name + "}", ids.ForPathParameter(operation.Path, parameter), StringComparison.Ordinal));
            }
        }

        return ids;
    }

    /// <summary>A real id for a path parameter, or an unknown one when none is known.</summary>
    public string ForPathParameter(string pathTemplate, ApiParameter parameter)
    {
        if (parameter.Format != "uuid")
        {
            return parameter.Kind is "integer" or "number" ? "1" : "Fuzz";
        }

        var marker = "/{" + parameter.Name + "}";
        var at = pathTemplate.IndexOf(marker, StringComparison.Ordinal);
        if (parameter.Name.Equals("id", StringComparison.OrdinalIgnoreCase) && at > 0
            && _byCollection.TryGetValue(pathTemplate[..at], out var fromCollection) && fromCollection.Count > 0)
        {
            return fromCollection[0];
        }

        if (parameter.Name.Equals("id", StringComparison.OrdinalIgnoreCase) && at > 0)
        {
            var segment = pathTemplate[..at].Split('/')[^1];
            var singular = segment.EndsWith("ies", StringComparison.Ordinal) ? segment[..^3] + "y" : segment.TrimEnd('s');
            if (First(singular + "Id") is { } byKind)
            {
                return byKind;
            }
        }

        return ForField(parameter.Name);
    }

    /// <summary>A real id for a JSON field or parameter name (<c>unitId</c>), or a fixed unknown one.</summary>
    public string ForField(string name) => First(name) ?? First("id") ?? "0f0f0f0f-0000-4000-8000-00000000f023";

    /// <summary>A second real id under that name: an object the role may not be allowed to see.</summary>
    public string? AnotherRealId(string name) =>
        _byName.TryGetValue(name, out var list) && list.Count > 1 ? list[^1]
        : _byName.TryGetValue("id", out var any) && any.Count > 1 ? any[any.Count / 2] : null;

    private string? First(string name) => _byName.TryGetValue(name, out var list) && list.Count > 0 ? list[0] : null;

    private async Task ReadAsync(HttpClient admin, string path)
    {
        using var response = await admin.GetAsync(path);
        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) != true)
        {
            return;
        }

        JsonElement root;
        try
        {
            root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        }
        catch (JsonException)
        {
            return;
        }

        var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray()
            : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("items", out var paged) && paged.ValueKind == JsonValueKind.Array ? paged.EnumerateArray()
            : default;
        foreach (var item in items)
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) && IsGuid(id))
            {
                Add(_byCollection, path, id.GetString()!);
            }
        }

        Collect(root, "id");
    }

    private void Collect(JsonElement element, string name)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, property.Name);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, name.EndsWith("Ids", StringComparison.Ordinal) ? name[..^1] : name);
                }

                break;
            default:
                if (IsGuid(element))
                {
                    Add(_byName, name, element.GetString()!);
                }

                break;
        }
    }

    private void Add(Dictionary<string, List<string>> index, string key, string id)
    {
        if (_protected.Contains(id))
        {
            return;
        }

        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        if (list.Count < 50 && !list.Contains(id, StringComparer.OrdinalIgnoreCase))
        {
            list.Add(id);
        }
    }

    private static bool IsGuid(JsonElement element) => element.ValueKind == JsonValueKind.String && Guid.TryParse(element.GetString(), out _);
}
