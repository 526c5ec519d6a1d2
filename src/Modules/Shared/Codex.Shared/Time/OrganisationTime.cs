using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Codex.Shared.Time;

/// <summary>
/// The organisation's time zone (`Notifications:TimeZone`, default Europe/Berlin). Every time a
/// person sees — on a page, in a mail, in an export — is shown in it and in the reader's culture:
/// a server on UTC must not show 21:30 for half past ten in the evening. Never use
/// <c>ToLocalTime()</c> or <c>DateTime.Now</c> (they follow the server); an architecture test checks.
/// </summary>
public static class OrganisationTime
{
    public static TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static void Configure(IConfiguration configuration) =>
        Zone = TimeZoneInfo.FindSystemTimeZoneById(configuration["Notifications:TimeZone"] ?? "Europe/Berlin");

    /// <summary>The same instant on the organisation's clock.</summary>
    public static DateTimeOffset Local(this DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>"01.12.2026" (de) / "01/12/2026" (en-GB).</summary>
    public static string LocalDate(this DateTimeOffset at) => at.Local().ToString("d", CultureInfo.CurrentCulture);

    /// <summary>"01.12.2026 14:30".</summary>
    public static string LocalDateTime(this DateTimeOffset at) => at.Local().ToString("g", CultureInfo.CurrentCulture);

    /// <summary>A calendar date (a due date, a closing date): no zone to convert.</summary>
    public static string Shown(this DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);

    /// <summary>Today's date on the organisation's clock.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.Local().DateTime);

    /// <summary>
    /// The first instant after the given local date: something due on a date is due at the end of
    /// that day, so it is overdue only from this instant on.
    /// </summary>
    public static DateTimeOffset EndOfDay(DateOnly date)
    {
        var nextMidnight = date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(nextMidnight, Zone.GetUtcOffset(nextMidnight)).ToUniversalTime();
    }
}
