using System.Diagnostics;
using System.Net.Http.Json;
using Codex.Modules.Learning.Contracts;
using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Features.Gaps;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Persistence;
using Codex.Testing;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.Benchmarks;

/// <summary>The heatmap figures of one provider at one scale.</summary>
/// <param name="CoverageRows">The kept (unit, tool) coverage rows of the whole installation after the recount.</param>
/// <param name="Recount">The full recount of the coverage (the nightly job; once after the generator's bulk insert).</param>
/// <param name="FromScratch">One organisation-wide count from the raw tables (what every heatmap call cost before coverage was kept).</param>
/// <param name="LevelChange">One person's level raised (a learning step completed), coverage kept in the same transaction.</param>
/// <param name="RequirementChange">One requirement of the role with most holders changed through PUT /api/skills/matrix.</param>
internal sealed record HeatmapResult(
    DatabaseProvider Provider, GeneratedOrganisation Organisation, GeneratedSkills Skills, int CoverageRows,
    Timing Endpoint, Timing Raw, TimeSpan Recount, TimeSpan FromScratch, Timing LevelChange, Timing RequirementChange, int RoleHolders)
{
    public double Ratio => Endpoint.MedianMs / Raw.MedianMs;
}

/// <summary>
/// Issue 5's Skills benchmark: the organisation-wide gap heatmap. One case is a fresh database on one
/// provider, the real Host on it, an organisation of N people (<see cref="OrganisationGenerator"/>) with
/// Skills data (<see cref="SkillsGenerator"/>: 200 tools, 12 roles) inserted in bulk, the coverage recounted
/// once, then GET /api/skills/heatmap?unitId={organisation} as the demo Admin over real HTTP, interleaved with
/// its floor <see cref="RawCoverage"/> (reading the same coverage rows by hand) on the same database, as
/// <see cref="ListPeopleBenchmark"/> does. It also prints what keeping the coverage costs the writes:
/// one level change, one requirement change of a role with thousands of holders.
/// </summary>
internal sealed class HeatmapBenchmark(BenchmarkOptions options, Action<string> progress)
{
    /// <summary>What issue 5 aims at for 50k people (shown as information, never a verdict).</summary>
    public const double TargetMs = 1_000;


    public async Task<HeatmapResult> RunAsync(DatabaseProvider provider, int people, PostgresCluster? cluster, CancellationToken cancellationToken = default)
    {
        var label = $"heatmap {ListPeopleBenchmark.Name(provider)} {people:N0}";
        await using var factory = await CodexApplicationFactory.ForAsync(provider, cluster);
        factory.Settings["Logging:LogLevel:Default"] = "Warning";
        factory.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning";
        factory.Settings["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning";
        factory.Settings["Jobs:RunServer"] = "false";
        factory.UseKestrel(0);
        using (ListPeopleBenchmark.QuietConsole())
        {
            factory.StartServer();
        }

        using var client = await ListPeopleBenchmark.SignInOverKestrelAsync(factory, DemoLogins.Admin);
        var organizationTables = OrganizationTables.From(factory.Services);
        var skillsTables = SkillsTables.From(factory.Services);
        var organisation = await new OrganisationGenerator(provider, factory.ConnectionString, organizationTables).GenerateAsync(people, cancellationToken: cancellationToken);
        var skills = await new SkillsGenerator(provider, factory.ConnectionString, skillsTables).GenerateAsync(organisation, cancellationToken: cancellationToken);
        progress($"{label}: generated {organisation.People:N0} people in {organisation.Units:N0} units ({organisation.Elapsed.TotalSeconds:0.0} s), " +
            $"{skills.Tools} tools, {skills.Roles} roles, {skills.Requirements} requirements, {skills.Assignments:N0} role assignments, " +
            $"{skills.Proficiencies:N0} proficiencies; {skills.RequiredPairs:N0} required (person, tool) pairs, {100.0 * skills.MeetingPairs / skills.RequiredPairs:0} % met " +
            $"({skills.Elapsed.TotalSeconds:0.0} s)");

        var recountStarted = Stopwatch.GetTimestamp();
        await SendAsync(factory, new RebuildCoverageCommand(), cancellationToken);
        var recount = Stopwatch.GetElapsedTime(recountStarted);
        progress($"{label}: coverage recounted in {recount.TotalSeconds:0.0} s");

        var fromScratch = new RawHeatmap(provider, factory.ConnectionString, organizationTables, skillsTables);
        var url = $"/api/skills/heatmap?unitId={organisation.OrganisationId}";
        var fromScratchTime = await CheckBothAgreeAsync(client, url, fromScratch, organisation, skills, cancellationToken);
        progress($"{label}: one organisation-wide count from the raw tables took {fromScratchTime.TotalMilliseconds:N0} ms");
        var raw = new RawCoverage(provider, factory.ConnectionString, organizationTables, skillsTables);
        if (options.ShowSql)
        {
            progress($"{label}: raw SQL:\n{raw.Sql}");
        }

        var timings = await InterleavedTiming.MeasureAsync(options, label, progress, EndpointAsync, RawAsync);
        var levelChange = await LevelChangesAsync(factory, organisation, cancellationToken);
        var (requirementChange, holders) = await RequirementChangesAsync(factory, client, cancellationToken);
        var coverageRows = await WithSkillsAsync(factory, db => db.UnitCoverage.CountAsync(cancellationToken));
        return new HeatmapResult(
            provider, organisation, skills, coverageRows, timings.Endpoint, timings.Raw, recount, fromScratchTime, levelChange, requirementChange, holders);

        async Task EndpointAsync()
        {
            using var response = await client.GetAsync(url, cancellationToken);
            response.EnsureSuccessStatusCode();
        }

        Task RawAsync() => raw.RunAsync(organisation.OrganisationId, cancellationToken);
    }

    private const int WriteSamples = 10;

    /// <summary>Raises one tool of ten people (each a tool their roles require) as a completed learning step does.</summary>
    private static async Task<Timing> LevelChangesAsync(CodexApplicationFactory factory, GeneratedOrganisation organisation, CancellationToken cancellationToken)
    {
        var people = organisation.Members.Select(m => m.PersonId).Take(WriteSamples).ToList();
        var requiredTools = await WithSkillsAsync(factory, db => (
            from a in db.RoleAssignments
            where people.Contains(a.PersonId)
            join r in db.Requirements on a.RoleId equals r.RoleId
            select new { a.PersonId, r.ToolId }).ToListAsync(cancellationToken));
        var times = new List<double>();
        foreach (var person in people)
        {
            var tool = requiredTools.First(t => t.PersonId == person).ToolId;
            var started = Stopwatch.GetTimestamp();
            using var scope = factory.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(
                new LearningStepCompletedIntegrationEvent(Guid.NewGuid(), DateTimeOffset.UtcNow, person, Guid.NewGuid(), Guid.NewGuid(), tool, ProficiencyScale.CanTeach),
                cancellationToken);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return Timing.Of(times);
    }

    /// <summary>Moves one requirement of the role with most holders between two levels, as HR does in the grid.</summary>
    private static async Task<(Timing Timing, int Holders)> RequirementChangesAsync(CodexApplicationFactory factory, HttpClient client, CancellationToken cancellationToken)
    {
        var (roleId, holders) = await WithSkillsAsync(factory, async db =>
        {
            var top = await db.RoleAssignments.GroupBy(a => a.RoleId).Select(g => new { RoleId = g.Key, Holders = g.Count() })
                .OrderByDescending(g => g.Holders).FirstAsync(cancellationToken);
            return (top.RoleId, top.Holders);
        });
        var times = new List<double>();
        for (var i = 0; i < WriteSamples / 2; i++)
        {
            var matrix = await client.GetFromJsonAsync<EndpointMatrix>("/api/skills/matrix", cancellationToken)
                ?? throw new InvalidOperationException("GET /api/skills/matrix returned no body.");
            var changed = matrix.Cells.First(c => c.RoleId == roleId);
            var cells = matrix.Cells.Select(c => c == changed ? c with { Level = c.Level == ProficiencyScale.CanTeach ? ProficiencyScale.Basic : ProficiencyScale.CanTeach } : c).ToList();
            var started = Stopwatch.GetTimestamp();
            using var response = await client.PutAsJsonAsync("/api/skills/matrix", new { matrix.Version, cells }, cancellationToken);
            response.EnsureSuccessStatusCode();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return (Timing.Of(times), holders);
    }

    private static async Task SendAsync(CodexApplicationFactory factory, IRequest<MediatR.Unit> request, CancellationToken cancellationToken)
    {
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, cancellationToken);
    }

    private static async Task<T> WithSkillsAsync<T>(CodexApplicationFactory factory, Func<SkillsDbContext, Task<T>> work)
    {
        using var scope = factory.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<SkillsDbContext>());
    }

    private sealed record EndpointMatrixCell(Guid RoleId, Guid ToolId, int Level, bool Mandatory, string Rationale);

    private sealed record EndpointMatrix(int Version, List<EndpointMatrixCell> Cells);

    /// <summary>
    /// Before timing: the endpoint's organisation row (its whole subtree) must show, per tool, the same
    /// holders and meeting counts as the raw per-unit counts summed, and those must add up to what the
    /// generator planned — otherwise the endpoint would show different numbers. Returns how long the count took.
    /// </summary>
    private static async Task<TimeSpan> CheckBothAgreeAsync(
        HttpClient client, string url, RawHeatmap raw, GeneratedOrganisation organisation, GeneratedSkills skills, CancellationToken cancellationToken)
    {
        var endpoint = await client.GetFromJsonAsync<EndpointHeatmap>(url, cancellationToken)
            ?? throw new InvalidOperationException($"GET {url} returned no body.");
        var started = Stopwatch.GetTimestamp();
        var floor = await raw.RunAsync(organisation.OrganisationId, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (floor.Sum(c => (long)c.Holders) != skills.RequiredPairs || floor.Sum(c => (long)c.Meeting) != skills.MeetingPairs)
        {
            throw new InvalidOperationException(
                $"The raw SQL counts {floor.Sum(c => (long)c.Holders)} holders / {floor.Sum(c => (long)c.Meeting)} meeting, " +
                $"the generator planned {skills.RequiredPairs} / {skills.MeetingPairs}.");
        }

        var expected = floor.GroupBy(c => c.ToolId).ToDictionary(g => g.Key, g => (Holders: g.Sum(c => c.Holders), Meeting: g.Sum(c => c.Meeting)));
        var actual = endpoint.Cells.Where(c => c.UnitId == organisation.OrganisationId)
            .ToDictionary(c => c.ToolId, c => (c.Holders, c.Meeting));
        if (endpoint.Cells.Any(c => c.UnitId == organisation.OrganisationId && c.Suppressed)
            || actual.Count != expected.Count
            || expected.Any(e => !actual.TryGetValue(e.Key, out var a) || a != e.Value))
        {
            throw new InvalidOperationException("The endpoint's organisation row and the raw per-unit counts disagree.");
        }

        if (endpoint.Rows.Count != 1 + organisation.Departments.Count)
        {
            throw new InvalidOperationException($"The endpoint shows {endpoint.Rows.Count} rows, expected the organisation and its {organisation.Departments.Count} departments.");
        }

        return elapsed;
    }

    private sealed record EndpointHeatmap(List<EndpointRow> Rows, List<EndpointCell> Cells);

    private sealed record EndpointRow(Guid Id);

    private sealed record EndpointCell(Guid UnitId, Guid ToolId, int Holders, int Meeting, bool Suppressed);
}

/// <summary>The heatmap results as a Markdown table per provider, with the growth between consecutive scales.</summary>
internal static class HeatmapTable
{
    public static string Render(IReadOnlyList<HeatmapResult> results)
    {
        string[] header =
        [
            "provider", "people", "units", "proficiencies", "coverage rows", "endpoint median", "endpoint p95",
            "raw median", "raw p95", "ratio", "growth (endpoint)", "n", "recount", "count from scratch",
            "level change median", "requirement change median (holders)",
        ];
        var rows = new List<string[]>();
        foreach (var group in results.GroupBy(r => r.Provider))
        {
            HeatmapResult? previous = null;
            foreach (var r in group.OrderBy(r => r.Organisation.People))
            {
                rows.Add(
                [
                    ListPeopleBenchmark.Name(r.Provider),
                    $"{r.Organisation.People:N0}",
                    $"{r.Organisation.Units:N0}",
                    $"{r.Skills.Proficiencies:N0}",
                    $"{r.CoverageRows:N0}",
                    $"{r.Endpoint.MedianMs:0.0}",
                    $"{r.Endpoint.P95Ms:0.0}",
                    $"{r.Raw.MedianMs:0.0}",
                    $"{r.Raw.P95Ms:0.0}",
                    $"{r.Ratio:0.0}x",
                    previous is null ? "–" : $"{Growth(previous.Endpoint, r.Endpoint, previous, r):0.00}",
                    $"{r.Endpoint.Samples}",
                    $"{r.Recount.TotalSeconds:0.0} s",
                    $"{r.FromScratch.TotalMilliseconds:N0}",
                    $"{r.LevelChange.MedianMs:0.0}",
                    $"{r.RequirementChange.MedianMs:N0} ({r.RoleHolders:N0})",
                ]);
                previous = r;
            }
        }

        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var lines = new List<string>
        {
            Line(header, leftAlignAll: true),
            "|" + string.Join("|", widths.Select((w, i) => i == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|",
        };
        lines.AddRange(rows.Select(r => Line(r, leftAlignAll: false)));
        return string.Join(Environment.NewLine, lines);

        string Line(string[] cells, bool leftAlignAll) =>
            "| " + string.Join(" | ", cells.Select((c, i) => leftAlignAll || i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |";
    }

    /// <summary>Time ratio ÷ people ratio between two consecutive scales: 1.0 is linear, above 1 worse than linear.</summary>
    public static double Growth(Timing before, Timing after, HeatmapResult smaller, HeatmapResult larger) =>
        after.MedianMs / before.MedianMs / ((double)larger.Organisation.People / smaller.Organisation.People);

    /// <summary>One line per provider on the largest scale measured against issue 5's 1 s at 50k people.</summary>
    public static IEnumerable<string> Targets(IReadOnlyList<HeatmapResult> results)
    {
        foreach (var group in results.GroupBy(r => r.Provider))
        {
            var largest = group.MaxBy(r => r.Organisation.People)!;
            var name = ListPeopleBenchmark.Name(group.Key);
            if (largest.Organisation.People < 50_000)
            {
                yield return $"{name}: 50k people not measured in this run (largest: {largest.Organisation.People:N0}, endpoint median {largest.Endpoint.MedianMs:0} ms).";
                continue;
            }

            var verdict = largest.Endpoint.MedianMs < HeatmapBenchmark.TargetMs ? "under" : "over";
            yield return $"{name}: {largest.Organisation.People:N0} people, endpoint median {largest.Endpoint.MedianMs:0} ms: {verdict} issue 5's 1 s (information, not a pass/fail).";
        }
    }
}
