using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Codex.Shared.Persistence;
using Codex.Testing;

namespace Codex.Benchmarks;

/// <summary>
/// Entry point of the benchmarks (run by build/bench.sh): for each provider and organisation size,
/// "list a department's people" through the real Host next to the same query in raw ADO.NET, as a
/// ratio. Prints figures only; the exit code says whether the benchmark ran, never how fast it was.
/// </summary>
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        // WebApplicationFactory finds the Host's content root through MvcTestingAppManifest.json in
        // the current directory (dotnet test runs from the output folder; do the same).
        Environment.CurrentDirectory = AppContext.BaseDirectory;
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(BenchmarkOptions.Usage);
            return 0;
        }

        var options = BenchmarkOptions.Parse(args, out var error);
        if (options is null)
        {
            Console.Error.WriteLine($"error: {error}\n\n{BenchmarkOptions.Usage}");
            return 2;
        }

        Console.WriteLine("Codex benchmark: list a department's people");
        Console.WriteLine($"  endpoint  GET /api/org/people?unitId={{department}}&page=1&pageSize={ListPeopleBenchmark.PageSize} as Admin, real Host over loopback HTTP");
        Console.WriteLine("  raw       the same filter (unit subtree), order, page and count in hand-written SQL over ADO.NET, same database");
        Console.WriteLine($"  {options.Warmup} warm-up + {options.Iterations} timed calls per side, interleaved; " +
            $"{Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}; load average {LoadAverage()}");
        Console.WriteLine();

        var total = Stopwatch.GetTimestamp();
        var results = new List<CaseResult>();
        var benchmark = new ListPeopleBenchmark(options, message => Console.WriteLine("  " + message));
        try
        {
            if (options.Providers.Contains(DatabaseProvider.Sqlite))
            {
                foreach (var scale in options.Scales)
                {
                    results.Add(await benchmark.RunAsync(DatabaseProvider.Sqlite, scale, cluster: null));
                }
            }

            if (options.Providers.Contains(DatabaseProvider.PostgreSql))
            {
                await using var cluster = await PostgresCluster.StartAsync();
                Console.WriteLine($"  postgresql: test cluster started on port {cluster.Port}");
                foreach (var scale in options.Scales)
                {
                    results.Add(await benchmark.RunAsync(DatabaseProvider.PostgreSql, scale, cluster));
                }
            }
        }
        catch (Exception exception)
        {
            Console.Error.WriteLine($"error: the benchmark did not run to the end: {exception}");
            return 1;
        }

        Console.WriteLine();
        Console.WriteLine(ResultTable.Render(results));
        Console.WriteLine();
        Console.WriteLine("ratio = endpoint median / raw median (how many times the raw floor the endpoint takes). Times in ms.");
        Console.WriteLine("Figures only: nothing passes or fails on time. Compare ratios between runs rather than absolute times;");
        Console.WriteLine($"both sides ran on the same machine at the same moment. Load average now {LoadAverage()}; total {Stopwatch.GetElapsedTime(total).TotalSeconds:0} s.");

        if (options.LearningHolders > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"Codex benchmark: learning — enrol {options.LearningHolders:N0} role holders at once; daily reminder job over {options.LearningEnrolments:N0} enrolments");
            try
            {
                LearningBenchmark.PrintHeader();
                if (options.Providers.Contains(DatabaseProvider.Sqlite))
                {
                    await LearningBenchmark.RunAsync(DatabaseProvider.Sqlite, null, options.LearningHolders, options.LearningEnrolments, message => Console.Error.WriteLine("  " + message));
                }

                if (options.Providers.Contains(DatabaseProvider.PostgreSql))
                {
                    await using var cluster = await PostgresCluster.StartAsync();
                    await LearningBenchmark.RunAsync(DatabaseProvider.PostgreSql, cluster, options.LearningHolders, options.LearningEnrolments, message => Console.Error.WriteLine("  " + message));
                }

                Console.WriteLine("Target: each under 2 s (enrol: one INSERT … SELECT; reminders: one scan, one UPDATE per reminded step). Figures only.");
            }
            catch (Exception exception)
            {
                Console.Error.WriteLine($"error: the learning benchmark did not run to the end: {exception}");
                return 1;
            }
        }

        if (options.Heatmap)
        {
            Console.WriteLine();
            Console.WriteLine("Codex benchmark: Skills gap heatmap of the whole organisation (issue 5)");
            Console.WriteLine("  endpoint  GET /api/skills/heatmap?unitId={organisation} as Admin, real Host over loopback HTTP (organisation row + its departments, 200 tools)");
            Console.WriteLine("  raw       the same kept coverage rows (organisation + departments) read in hand-written SQL over ADO.NET, same database");
            Console.WriteLine("  also      the full recount, one count from the raw tables (the old way), and what keeping coverage adds to writes");
            var heatmaps = new List<HeatmapResult>();
            var heatmap = new HeatmapBenchmark(options, message => Console.WriteLine("  " + message));
            try
            {
                if (options.Providers.Contains(DatabaseProvider.Sqlite))
                {
                    foreach (var scale in options.Scales)
                    {
                        heatmaps.Add(await heatmap.RunAsync(DatabaseProvider.Sqlite, scale, cluster: null));
                    }
                }

                if (options.Providers.Contains(DatabaseProvider.PostgreSql))
                {
                    await using var cluster = await PostgresCluster.StartAsync();
                    foreach (var scale in options.Scales)
                    {
                        heatmaps.Add(await heatmap.RunAsync(DatabaseProvider.PostgreSql, scale, cluster));
                    }
                }
            }
            catch (Exception exception)
            {
                Console.Error.WriteLine($"error: the heatmap benchmark did not run to the end: {exception}");
                return 1;
            }

            Console.WriteLine();
            Console.WriteLine(HeatmapTable.Render(heatmaps));
            Console.WriteLine();
            Console.WriteLine("growth = (median at this scale / median at the previous scale) / (people here / people there): 1.00 is linear, above 1 worse than linear. Times in ms unless marked.");
            foreach (var line in HeatmapTable.Targets(heatmaps))
            {
                Console.WriteLine(line);
            }
        }

        if (options.ImportPeople > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"Codex benchmark: people import of {options.ImportPeople:N0} people (with units, leads and roles), real Host over loopback HTTP");
            Console.WriteLine("  floor     the same number of people with units and memberships bulk-inserted in raw SQL (OrganisationGenerator), same database");
            try
            {
                ImportBenchmark.PrintHeader();
                if (options.Providers.Contains(DatabaseProvider.Sqlite))
                {
                    await ImportBenchmark.RunAsync(DatabaseProvider.Sqlite, null, options.ImportPeople, message => Console.Error.WriteLine("  " + message));
                }

                if (options.Providers.Contains(DatabaseProvider.PostgreSql))
                {
                    await using var cluster = await PostgresCluster.StartAsync();
                    await ImportBenchmark.RunAsync(DatabaseProvider.PostgreSql, cluster, options.ImportPeople, message => Console.Error.WriteLine("  " + message));
                }

                Console.WriteLine("Target: preview and apply each under 10 s for 5,000 people. Figures only.");
            }
            catch (Exception exception)
            {
                Console.Error.WriteLine($"error: the import benchmark did not run to the end: {exception}");
                return 1;
            }
        }

        if (options.Mails > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"Codex benchmark: deliver {options.Mails:N0} queued mails (SQLite, local aiosmtpd)");
            try
            {
                await MailDeliveryBenchmark.RunAsync(options.Mails, message => Console.WriteLine("  " + message));
            }
            catch (Exception exception)
            {
                Console.Error.WriteLine($"error: the mail benchmark did not run to the end: {exception}");
                return 1;
            }
        }

        Console.WriteLine();
        Console.WriteLine("Codex benchmark: team codex (SQLite, real Host)");
        try
        {
            await CodexBenchmark.RunAsync(Math.Min(options.Iterations, 50), Math.Min(options.Warmup, 5), message => Console.WriteLine("  " + message));
        }
        catch (Exception exception)
        {
            Console.Error.WriteLine($"error: the team codex benchmark did not run to the end: {exception}");
            return 1;
        }

        return 0;
    }

    private static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(' ', parts.Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }
}
