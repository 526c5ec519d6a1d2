using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;

namespace Codex.Host.Identity;

/// <summary>
/// Growing delays after failed sign-ins, counted per address (normalised, known or not) and per
/// network address, instead of a hard lockout: after the free failures each further attempt must
/// wait 2^n seconds (n = failures beyond the free ones), at most 15 minutes. An attempt made while
/// a delay runs is refused without checking the password and without counting, so the owner's
/// correct password works as soon as the delay has passed, and a stranger gains at most one guess
/// per delay. Kept in memory per instance (a restart forgets); entries vanish a day after the last failure.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, IConfiguration configuration)
{
    public static readonly TimeSpan MaximumDelay = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Forget = TimeSpan.FromDays(1);
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    public int FreeFailuresPerAccount { get; } = Math.Max(1, configuration.GetValue("Security:SignIn:FreeFailuresPerAccount", 5));

    /// <summary>Generous: a whole office may share one network address.</summary>
    public int FreeFailuresPerNetwork { get; } = Math.Max(1, configuration.GetValue("Security:SignIn:FreeFailuresPerNetwork", 50));

    public static string AccountKey(ILookupNormalizer normalizer, string email) => "account:" + normalizer.NormalizeEmail(email.Trim());

    public static string NetworkKey(HttpContext http) => "network:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    /// <summary>The delay that the given number of failures imposes.</summary>
    public static TimeSpan DelayAfter(int failures, int free)
    {
        if (failures < free)
        {
            return TimeSpan.Zero;
        }

        var exponent = Math.Min(failures - free + 1, 20);
        var seconds = Math.Pow(2, exponent);
        return seconds >= MaximumDelay.TotalSeconds ? MaximumDelay : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>How long an attempt for these keys must still wait; null when it may be made now.</summary>
    public TimeSpan? WaitFor(string accountKey, string networkKey)
    {
        var now = clock.GetUtcNow();
        var wait = Max(Remaining(accountKey, FreeFailuresPerAccount, now), Remaining(networkKey, FreeFailuresPerNetwork, now));
        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>Counts a failure; returns the delay the account's address now has (zero while failures are free).</summary>
    public TimeSpan RecordFailure(string accountKey, string networkKey)
    {
        var now = clock.GetUtcNow();
        if (_failures.Count > MaxEntries)
        {
            foreach (var (key, value) in _failures)
            {
                if (now - value.Last > Forget)
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }

        _failures.AddOrUpdate(networkKey, _ => new Failures(1, now), (_, f) => new Failures(Count(f, now) + 1, now));
        var account = _failures.AddOrUpdate(accountKey, _ => new Failures(1, now), (_, f) => new Failures(Count(f, now) + 1, now));
        return DelayAfter(account.Count, FreeFailuresPerAccount);
    }

    /// <summary>A successful sign-in clears its address (not the network address: one good account must not reset a guesser).</summary>
    public void Succeeded(string accountKey) => _failures.TryRemove(accountKey, out _);

    private TimeSpan Remaining(string key, int free, DateTimeOffset now) =>
        _failures.TryGetValue(key, out var f) && Count(f, now) > 0 ? f.Last + DelayAfter(f.Count, free) - now : TimeSpan.Zero;

    private static int Count(Failures f, DateTimeOffset now) => now - f.Last > Forget ? 0 : f.Count;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed record Failures(int Count, DateTimeOffset Last);
}
