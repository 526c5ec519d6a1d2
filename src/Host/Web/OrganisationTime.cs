namespace Codex.Host.Web;

/// <summary>
/// The organisation's time zone (`Notifications:TimeZone`, default Europe/Berlin), in which the
/// Host's pages show times: a server on UTC must not show 21:30 for half past ten in the evening.
/// </summary>
public static class OrganisationTime
{
    public static TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static void Configure(IConfiguration configuration) =>
        Zone = TimeZoneInfo.FindSystemTimeZoneById(configuration["Notifications:TimeZone"] ?? "Europe/Berlin");
}
