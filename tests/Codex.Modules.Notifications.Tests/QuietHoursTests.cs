using Codex.Modules.Notifications.Domain;

namespace Codex.Modules.Notifications.Tests;

public sealed class QuietHoursTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly QuietHours NightsAndWeekends = new(new TimeOnly(20, 0), new TimeOnly(7, 0), Weekends: true);

    private static DateTimeOffset Berlin_(int year, int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Berlin.GetUtcOffset(local));
    }

    [Fact]
    public void During_the_working_day_mail_goes_out_at_once()
    {
        var tuesdayMorning = Berlin_(2026, 11, 24, 10);
        Assert.Equal(tuesdayMorning, NightsAndWeekends.NextAllowed(tuesdayMorning, Berlin));
    }

    [Fact]
    public void Mail_written_at_night_waits_until_the_morning()
    {
        var tuesdayNight = Berlin_(2026, 11, 24, 22, 30);
        Assert.Equal(Berlin_(2026, 11, 25, 7), NightsAndWeekends.NextAllowed(tuesdayNight, Berlin));
    }

    [Fact]
    public void Mail_written_on_friday_evening_waits_until_monday_morning()
    {
        var fridayEvening = Berlin_(2026, 11, 27, 21);
        Assert.Equal(Berlin_(2026, 11, 30, 7), NightsAndWeekends.NextAllowed(fridayEvening, Berlin));
    }

    [Fact]
    public void A_shift_worker_can_have_quiet_hours_during_the_day()
    {
        var dayShiftSleep = new QuietHours(new TimeOnly(8, 0), new TimeOnly(15, 0), Weekends: false);

        Assert.Equal(Berlin_(2026, 11, 29, 15), dayShiftSleep.NextAllowed(Berlin_(2026, 11, 29, 9), Berlin));
        Assert.False(dayShiftSleep.IsQuiet(new DateTime(2026, 11, 29, 23, 0, 0)));
    }

    [Fact]
    public void Equal_start_and_end_means_no_quiet_window()
    {
        var none = new QuietHours(new TimeOnly(0, 0), new TimeOnly(0, 0), Weekends: false);
        var sundayNight = Berlin_(2026, 11, 29, 3);
        Assert.Equal(sundayNight, none.NextAllowed(sundayNight, Berlin));
    }
}
