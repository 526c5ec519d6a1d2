using System.Globalization;
using Codex.Shared.Persistence;

namespace Codex.Benchmarks;

/// <summary>Command-line options; see <see cref="Usage"/>.</summary>
internal sealed record BenchmarkOptions(
    IReadOnlyList<DatabaseProvider> Providers, IReadOnlyList<int> Scales, int Iterations, int Warmup, int MaxSecondsPerCase, bool ShowSql, int Mails = 10_000,
    int LearningHolders = 10_000, int LearningEnrolments = 50_000, bool Heatmap = true, int ImportPeople = 5_000)
{
    public const string Usage = """
        Usage: Codex.Benchmarks [--provider sqlite|postgresql|both] [--scales 1000,10000,50000]
                                [--iterations 100] [--warmup 20] [--max-seconds 60] [--show-sql]
                                [--mails 10000] [--heatmap|--no-heatmap] [--import 5000]

          --provider    database(s) to run on (default: both)
          --scales      organisation sizes in people, comma-separated; 10k = 10000 (default: 1000,10000,50000)
          --iterations  timed requests per side (endpoint and raw) and case (default: 100)
          --warmup      untimed requests per side before timing (default: 20)
          --max-seconds time budget for warm-up and timed calls of one case: warm-up stops at half
                        of it, timing when it is used up (after at least 5 samples) (default: 60)
          --show-sql    print the SQL the endpoint executes and the raw SQL it is compared with
          --mails       queued mails for the email throughput benchmark, 0 to skip (default: 10000)
          --learning-holders     holders of the role a path is assigned to, 0 to skip the learning benchmark (default: 10000)
          --learning-enrolments  enrolments the daily reminder job scans (default: 50000)
          --heatmap     run the Skills gap heatmap benchmark (organisation-wide, 200 tools) at the same
                        providers and scales, with the growth between scales (default)
          --no-heatmap  skip the heatmap benchmark
          --import      people in the file of the people import benchmark (preview and apply), 0 to skip (default: 5000)
        """;

    public static BenchmarkOptions Default { get; } = new(
        [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql], [1_000, 10_000, 50_000], Iterations: 100, Warmup: 20, MaxSecondsPerCase: 60, ShowSql: false);

    /// <summary>The options, or null and a message when the arguments make no sense.</summary>
    public static BenchmarkOptions? Parse(string[] args, out string? error)
    {
        var options = Default;
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--show-sql")
            {
                options = options with { ShowSql = true };
                continue;
            }

            if (name is "--heatmap" or "--no-heatmap")
            {
                options = options with { Heatmap = name == "--heatmap" };
                continue;
            }

            if (i + 1 >= args.Length)
            {
                error = $"{name} needs a value.";
                return null;
            }

            var value = args[++i];
            switch (name)
            {
                case "--learning-holders" or "--learning-enrolments":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var learning))
                    {
                        error = $"{name} takes a whole number, not '{value}'.";
                        return null;
                    }

                    options = name == "--learning-holders" ? options with { LearningHolders = learning } : options with { LearningEnrolments = learning };
                    break;
                case "--import":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var imported))
                    {
                        error = $"--import takes a whole number, not '{value}'.";
                        return null;
                    }

                    options = options with { ImportPeople = imported };
                    break;
                case "--mails":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var mails))
                    {
                        error = $"--mails takes a whole number, not '{value}'.";
                        return null;
                    }

                    options = options with { Mails = mails };
                    break;
                case "--provider":
                    IReadOnlyList<DatabaseProvider>? providers = value.ToLowerInvariant() switch
                    {
                        "sqlite" => [DatabaseProvider.Sqlite],
                        "postgresql" or "postgres" => [DatabaseProvider.PostgreSql],
                        "both" => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql],
                        _ => null,
                    };
                    if (providers is null)
                    {
                        error = $"Unknown provider '{value}'.";
                        return null;
                    }

                    options = options with { Providers = providers };
                    break;
                case "--scales":
                    var scales = new List<int>();
                    foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        var thousands = part.EndsWith('k') || part.EndsWith('K');
                        if (!int.TryParse(thousands ? part[..^1] : part, NumberStyles.None, CultureInfo.InvariantCulture, out var scale) || scale <= 0)
                        {
                            error = $"Scale '{part}' is not a positive number.";
                            return null;
                        }

                        scales.Add(thousands ? scale * 1_000 : scale);
                    }

                    if (scales.Count == 0 || scales.Any(s => s < 100))
                    {
                        error = "Scales must be at least 100 people.";
                        return null;
                    }

                    options = options with { Scales = scales };
                    break;
                case "--iterations" or "--warmup" or "--max-seconds":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < (name == "--warmup" ? 0 : 1))
                    {
                        error = $"{name} needs a number.";
                        return null;
                    }

                    options = name switch
                    {
                        "--warmup" => options with { Warmup = count },
                        "--iterations" => options with { Iterations = count },
                        _ => options with { MaxSecondsPerCase = count },
                    };
                    break;
                default:
                    error = $"Unknown option '{name}'.";
                    return null;
            }
        }

        return options;
    }
}
