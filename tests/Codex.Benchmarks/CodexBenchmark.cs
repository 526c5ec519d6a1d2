using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Rendering;
using Codex.Testing;
using DiffPlex;
using Markdig;

namespace Codex.Benchmarks;

/// <summary>
/// Team codex: (1) the page showing a team's version in force (about 100 KB of Markdown, rendered,
/// with the organisation's binding sections) through the real Host, next to a floor: Markdig turning
/// the same Markdown into HTML in process, nothing else; (2) the word-level diff of two 100-KB versions
/// as the history page shows it, next to a floor: DiffPlex's plain line diff of the same two texts.
/// </summary>
internal static class CodexBenchmark
{
    private const int Sections = 20;
    private const int SectionBytes = 5_000;

    public static async Task RunAsync(int iterations, int warmup, Action<string> log)
    {
        await using var factory = CodexApplicationFactory.ForSqlite();
        var admin = await factory.SignInAsync(DemoLogins.Admin);
        var lead = await factory.SignInAsync(DemoLogins.TeamLead);
        var units = await admin.GetFromJsonAsync<JsonElement>("/api/codex/units");
        Guid Unit(string name) => units.EnumerateArray().First(u => u.GetProperty("unitName").GetString() == name).GetProperty("unitId").GetGuid();
        var organisation = Unit("Sozialwerk Rheinaue e.V.");
        var team = Unit("Pflegeteam Nord");

        // TeamCodex learns the members from Organization's events: wait until the outbox has delivered them.
        foreach (var unit in new[] { organisation, team })
        {
            for (var tries = 0; (await admin.GetFromJsonAsync<JsonElement>($"/api/codex/units/{unit}/participants")).GetArrayLength() == 0; tries++)
            {
                if (tries > 100)
                {
                    throw new InvalidOperationException("The members of the demo units never reached TeamCodex.");
                }

                await Task.Delay(200);
            }
        }

        var binding = Enumerable.Range(1, 3).Select(i => new CodexSection(Guid.NewGuid(), $"Verbindliche Regel {i}", Text(i, 3_000), true)).ToList();
        // The demo seed gives the organisation a codex already; its next version carries the benchmark's binding sections.
        var organisationHasCodex = (await admin.GetFromJsonAsync<JsonElement>($"/api/codex/units/{organisation}")).GetProperty("codexId").ValueKind != JsonValueKind.Null;
        await PublishAsync(admin, organisation, binding, create: !organisationHasCodex);
        var first = Enumerable.Range(1, Sections).Select(i => new CodexSection(Guid.NewGuid(), $"Abschnitt {i}", Text(100 + i, SectionBytes), false)).ToList();
        await PublishAsync(lead, team, first, create: true);
        var second = first.Select((s, i) => s with { Markdown = Edit(s.Markdown, i) }).ToList();
        await PublishAsync(lead, team, second, create: false);
        var markdownBytes = Encoding.UTF8.GetByteCount(string.Concat(second.Select(s => s.Markdown)));
        log($"codex: team version of {markdownBytes / 1024} KB in {Sections} sections, 3 binding sections of the organisation");

        var page = await MeasureAsync(iterations, warmup, async () =>
        {
            using var response = await lead.GetAsync($"/codex/{team}");
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsStringAsync();
        });
        var renderFloor = await MeasureAsync(iterations, warmup, () =>
        {
            foreach (var s in binding.Concat(second))
            {
                _ = Markdown.ToHtml(s.Markdown);
            }

            return Task.CompletedTask;
        });

        var diffPage = await MeasureAsync(iterations, warmup, async () =>
        {
            using var response = await lead.GetAsync($"/codex/{team}/history?from=1&to=2");
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsStringAsync();
        });
        var diffInProcess = await MeasureAsync(iterations, warmup, () =>
        {
            foreach (var d in WordDiff.CompareSections(first, second))
            {
                _ = WordDiff.ToHtml(d.BodyPieces, "entfernt", "eingefügt");
            }

            return Task.CompletedTask;
        });
        var oldText = CodexSections.ToMarkdown("v1", first);
        var newText = CodexSections.ToMarkdown("v2", second);
        var diffFloor = await MeasureAsync(iterations, warmup, () =>
        {
            _ = Differ.Instance.CreateLineDiffs(oldText, newText, ignoreWhitespace: false);
            return Task.CompletedTask;
        });

        log($"codex: show version in force  page median {page:0.00} ms | floor (Markdig only) {renderFloor:0.00} ms | ratio {page / renderFloor:0.0}");
        log($"codex: diff of two versions   page median {diffPage:0.00} ms | word diff in process {diffInProcess:0.00} ms | floor (line diff) {diffFloor:0.00} ms | ratio page/floor {diffPage / diffFloor:0.0}");
    }

    private static async Task PublishAsync(HttpClient client, Guid unit, IReadOnlyList<CodexSection> sections, bool create)
    {
        if (create)
        {
            (await client.PostAsync($"/api/codex/units/{unit}", null)).EnsureSuccessStatusCode();
        }

        var draft = await client.GetFromJsonAsync<JsonElement>($"/api/codex/units/{unit}/draft");
        var save = await client.PutAsJsonAsync($"/api/codex/units/{unit}/draft", new
        {
            basedOnRevision = draft.GetProperty("revision").GetInt32(),
            sections = sections.Select(s => new { id = s.Id, title = s.Title, markdown = s.Markdown, isBinding = s.IsBinding }),
        });
        save.EnsureSuccessStatusCode();
        var proposal = await (await Ok(client.PostAsJsonAsync($"/api/codex/units/{unit}/proposals", new { title = "Benchmark", rationale = "Benchmark" })))
            .Content.ReadFromJsonAsync<JsonElement>();
        var proposalId = proposal.GetProperty("proposalId").GetGuid();
        await Ok(client.PostAsJsonAsync($"/api/codex/units/{unit}/rounds", new { proposalId, closesOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14) }));
        await Ok(client.PostAsJsonAsync($"/api/codex/proposals/{proposalId}/publish", new { changeSummary = "Benchmark" }));
    }

    private static async Task<HttpResponseMessage> Ok(Task<HttpResponseMessage> request)
    {
        var response = await request;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return response;
    }

    private static async Task<double> MeasureAsync(int iterations, int warmup, Func<Task> action)
    {
        for (var i = 0; i < warmup; i++)
        {
            await action();
        }

        var samples = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await action();
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        samples.Sort();
        return samples[samples.Count / 2];
    }

    /// <summary>Plausible German Markdown of about the given size: paragraphs and lists.</summary>
    private static string Text(int seed, int bytes)
    {
        var words = new[] { "Übergabe", "Dokumentation", "Klient:innen", "Dienstplan", "Messenger", "Team", "Absprache", "Vertretung", "Datenschutz", "wöchentlich", "verbindlich", "Rückmeldung", "Tablet", "Besprechung", "zuständig" };
        var random = new Random(seed);
        var text = new StringBuilder();
        while (text.Length < bytes)
        {
            text.Append(random.Next(4) == 0 ? "- " : "");
            for (var i = 0; i < 12; i++)
            {
                text.Append(words[random.Next(words.Length)]).Append(i == 11 ? ".\n" : " ");
            }

            if (random.Next(3) == 0)
            {
                text.Append('\n');
            }
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>Changes about one word in twenty, as a real amendment would touch a few sentences per section.</summary>
    private static string Edit(string markdown, int seed)
    {
        var random = new Random(seed);
        var words = markdown.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            if (random.Next(20) == 0)
            {
                words[i] = "geändert";
            }
        }

        return string.Join(' ', words);
    }
}
