using Microsoft.Extensions.Configuration;

namespace Codex.Shared.Privacy;

/// <summary>
/// How long personal data that has served its purpose is kept (GDPR Art. 5(1)(e)): `Retention:{Name}Days`,
/// each module's nightly retention job deletes what is older. 0 keeps it until the person is erased.
/// </summary>
public static class Retention
{
    /// <summary>The moment before which <paramref name="name"/> data goes, or null when it is kept.</summary>
    public static DateTimeOffset? Cutoff(IConfiguration configuration, string name, int defaultDays, DateTimeOffset now)
    {
        var days = configuration.GetValue($"Retention:{name}Days", defaultDays);
        return days <= 0 ? null : now.AddDays(-days);
    }
}
