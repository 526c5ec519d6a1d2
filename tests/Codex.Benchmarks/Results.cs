using Codex.Shared.Persistence;

namespace Codex.Benchmarks;

/// <summary>Median and 95th percentile (nearest rank) of a series of durations, in milliseconds.</summary>
internal sealed record Timing(double MedianMs, double P95Ms, int Samples)
{
    public static Timing Of(List<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        var p95 = sorted[(int)Math.Ceiling(0.95 * sorted.Length) - 1];
        return new Timing(median, p95, sorted.Length);
    }
}

/// <summary>The figures of one provider at one scale.</summary>
internal sealed record CaseResult(
    DatabaseProvider Provider,
    GeneratedOrganisation Organisation,
    GeneratedDepartment Department,
    int SqlCommandsPerRequest,
    Timing Endpoint,
    Timing Raw)
{
    /// <summary>How many times slower the endpoint is than its raw floor (medians).</summary>
    public double Ratio => Endpoint.MedianMs / Raw.MedianMs;
}

/// <summary>The results as a Markdown table (readable in a terminal, pasteable into docs).</summary>
internal static class ResultTable
{
    public static string Render(IReadOnlyList<CaseResult> results)
    {
        string[] header =
        [
            "provider", "people", "units", "generated", "dept. people", "SQL/request",
            "endpoint median", "endpoint p95", "raw median", "raw p95", "ratio", "n",
        ];
        var rows = results.Select(r => new[]
        {
            ListPeopleBenchmark.Name(r.Provider),
            $"{r.Organisation.People:N0}",
            $"{r.Organisation.Units:N0}",
            $"{r.Organisation.Elapsed.TotalSeconds:0.00} s",
            $"{r.Department.People:N0}",
            $"{r.SqlCommandsPerRequest}",
            $"{r.Endpoint.MedianMs:0.00}",
            $"{r.Endpoint.P95Ms:0.00}",
            $"{r.Raw.MedianMs:0.00}",
            $"{r.Raw.P95Ms:0.00}",
            $"{r.Ratio:0.0}x",
            $"{r.Endpoint.Samples}",
        }).ToList();

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
}
