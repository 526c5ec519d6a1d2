using Microsoft.Extensions.Configuration;

namespace Codex.Shared.Privacy;

/// <summary>
/// How long personal data that has served its purpose is kept (GDPR Art. 5(1)(e)): `Retention:{Name}Days`,
/// each module's nightly retention job deletes what is older. 0 keeps it until the person is erased.
/// </summary>
public static class Retention
{
    /// <summary>
    /// The configured period of <paramref name="name"/> data in days, 0 when it is kept until the person is erased
    /// (a negative setting keeps too). The retention jobs and the "Verarbeitungsübersicht" read the same value.
    /// </summary>
    public static int Days(IConfiguration configuration, string name, int defaultDays) =>
        Math.Max(0, configuration.GetValue($"Retention:{name}Days", defaultDays));

    /// <summary>The moment before which <paramref name="name"/> data goes, or null when it is kept.</summary>
    public static DateTimeOffset? Cutoff(IConfiguration configuration, string name, int defaultDays, DateTimeOffset now)
    {
        var days = Days(configuration, name, defaultDays);
        return days == 0 ? null : now.AddDays(-days);
    }
}
