using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text;
using Codex.Shared.Persistence;
using Codex.Testing;

namespace Codex.Benchmarks;

/// <summary>
/// The people import at scale, in the real Host over loopback HTTP as the demo Admin: a file of N
/// new people (staff number, names, email, unit by full path, a lead per team, a job role each) is
/// previewed, applied, and previewed again (every row now matches and nothing changes). Beside it,
/// the floor: <see cref="OrganisationGenerator"/> bulk-inserting an organisation of the same number of
/// people with units and memberships in raw SQL — the generated teams are also the units the file names.
/// One run per provider; the figures are single runs (an import is not repeated a hundred times).
/// </summary>
internal static class ImportBenchmark
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task RunAsync(DatabaseProvider provider, PostgresCluster? cluster, int people, Action<string> log)
    {
        await using var factory = await CodexApplicationFactory.ForAsync(provider, cluster);
        factory.Settings["Logging:LogLevel:Default"] = "Warning";
        factory.Settings["Jobs:RunServer"] = "false";
        factory.UseKestrel(0);
        using (ListPeopleBenchmark.QuietConsole())
        {
            factory.StartServer();
        }

        using var client = await ListPeopleBenchmark.SignInOverKestrelAsync(factory, DemoLogins.Admin);
        var name = ListPeopleBenchmark.Name(provider);

        var floor = await new OrganisationGenerator(provider, factory.ConnectionString, OrganizationTables.From(factory.Services))
            .GenerateAsync(Math.Max(people, 100));
        var units = await client.GetFromJsonAsync<List<Unit>>("/api/org/units", Json) ?? [];
        var byId = units.ToDictionary(u => u.Id);
        var teams = units.Where(u => u.Kind == "Team" && IsIn(u, floor.OrganisationId, byId)).Select(u => Path(u, byId)).ToList();
        var roles = (await client.GetFromJsonAsync<List<Role>>("/api/skills/roles", Json) ?? []).Select(r => r.Name).ToList();
        var file = File(people, teams, roles);
        log($"import/{name}: floor generated {floor.People:N0} people in {floor.Units:N0} units in {floor.Elapsed.TotalMilliseconds:N0} ms; " +
            $"file of {people:N0} rows over {teams.Count} teams and {roles.Count} roles ({file.Length / 1024:N0} KB)");

        var preview = await TimeAsync(client, "/api/people/import/preview", file);
        var apply = await TimeAsync(client, "/api/people/import", file);
        var again = await TimeAsync(client, "/api/people/import/preview", file);
        log($"import/{name}: preview {preview.Body[..Math.Min(120, preview.Body.Length)]}…");

        Console.WriteLine($"| {name,-10} | {people,7:N0} | {floor.Elapsed.TotalMilliseconds,9:N0} | {preview.Milliseconds,10:N0} | {apply.Milliseconds,8:N0} | " +
            $"{apply.Milliseconds / floor.Elapsed.TotalMilliseconds,11:0.0} | {again.Milliseconds,12:N0} |");
    }

    public static void PrintHeader()
    {
        Console.WriteLine("| provider   |  people | floor ms  | preview ms | apply ms | apply/floor | re-check ms  |");
        Console.WriteLine("|------------|--------:|----------:|-----------:|---------:|------------:|-------------:|");
    }

    private static byte[] File(int people, List<string> teams, List<string> roles)
    {
        var text = new StringBuilder("Personalnummer;Vorname;Nachname;E-Mail;Einheit;Leitung;Rolle;Sprache\r\n");
        for (var i = 0; i < people; i++)
        {
            var team = teams[i % teams.Count];
            text.Append(CultureInfo.InvariantCulture, $"B{i:00000};Vorname{i};Import;import{i}@import-benchmark.example;{team};{(i < teams.Count ? "ja" : "nein")};{roles[i % roles.Count]};{(i % 10 == 0 ? "en" : "de")}\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static async Task<(double Milliseconds, string Body)> TimeAsync(HttpClient client, string url, byte[] file)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(file), "file", "personal.csv");
        form.Add(new StringContent("AddAndUpdate"), "mode");
        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsync(url, form);
        var body = await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {url} answered {(int)response.StatusCode}: {body[..Math.Min(2000, body.Length)]}");
        }

        return (elapsed, body);
    }

    private static bool IsIn(Unit unit, Guid organisationId, Dictionary<Guid, Unit> byId)
    {
        for (var current = unit; current is not null; current = current.ParentId is { } p ? byId.GetValueOrDefault(p) : null)
        {
            if (current.Id == organisationId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The full path from the organisation down: the generated departments share names with the demo's.</summary>
    private static string Path(Unit unit, Dictionary<Guid, Unit> byId)
    {
        var names = new List<string>();
        for (var current = unit; current is not null; current = current.ParentId is { } p ? byId.GetValueOrDefault(p) : null)
        {
            names.Insert(0, current.Name);
        }

        return string.Join("/", names);
    }

    private sealed record Unit(Guid Id, string Name, string Kind, Guid? ParentId);

    private sealed record Role(Guid Id, string Name);
}
