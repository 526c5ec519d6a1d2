using System.Diagnostics;

namespace Codex.Benchmarks;

/// <summary>
/// Times an endpoint next to its raw floor, alternating which side goes first so neither profits
/// from the other's caching. A time budget keeps a pathologically slow case from running for hours:
/// warm-up stops once half of it is used, timing once all of it is (but not before a few samples).
/// </summary>
internal static class InterleavedTiming
{
    private const int MinimumSamples = 5;

    public static async Task<(Timing Endpoint, Timing Raw)> MeasureAsync(
        BenchmarkOptions options, string label, Action<string> progress, Func<Task> endpoint, Func<Task> raw)
    {
        var budget = Stopwatch.GetTimestamp();
        for (var i = 0; i < options.Warmup; i++)
        {
            if (i > 0 && Stopwatch.GetElapsedTime(budget).TotalSeconds > options.MaxSecondsPerCase / 2.0)
            {
                progress($"{label}: warm-up cut short after {i} calls per side (time budget)");
                break;
            }

            await endpoint();
            await raw();
        }

        var endpointTimes = new List<double>(options.Iterations);
        var rawTimes = new List<double>(options.Iterations);
        for (var i = 0; i < options.Iterations; i++)
        {
            if (i >= MinimumSamples && Stopwatch.GetElapsedTime(budget).TotalSeconds > options.MaxSecondsPerCase)
            {
                progress($"{label}: time budget of {options.MaxSecondsPerCase} s used up after {i} samples per side");
                break;
            }

            if (i % 2 == 0)
            {
                endpointTimes.Add(await TimeAsync(endpoint));
                rawTimes.Add(await TimeAsync(raw));
            }
            else
            {
                rawTimes.Add(await TimeAsync(raw));
                endpointTimes.Add(await TimeAsync(endpoint));
            }
        }

        return (Timing.Of(endpointTimes), Timing.Of(rawTimes));
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
