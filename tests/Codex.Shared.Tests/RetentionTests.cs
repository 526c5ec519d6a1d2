using Codex.Shared.Privacy;
using Microsoft.Extensions.Configuration;

namespace Codex.Shared.Tests;

public class RetentionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 3, 45, 0, TimeSpan.Zero);

    [Fact]
    public void Without_a_setting_the_default_period_counts_back_from_now() =>
        Assert.Equal(Now.AddDays(-180), Retention.Cutoff(Settings(), "MailLog", 180, Now));

    [Fact]
    public void A_configured_period_replaces_the_default() =>
        Assert.Equal(Now.AddDays(-30), Retention.Cutoff(Settings(("Retention:MailLogDays", "30")), "MailLog", 180, Now));

    [Fact]
    public void Zero_keeps_the_data_until_the_person_is_erased() =>
        Assert.Null(Retention.Cutoff(Settings(("Retention:AuditDays", "0")), "Audit", 730, Now));

    [Fact]
    public void The_days_read_are_the_configured_ones_or_the_default() =>
        Assert.Equal([30, 180], [Retention.Days(Settings(("Retention:MailLogDays", "30")), "MailLog", 180), Retention.Days(Settings(), "MailLog", 180)]);

    [Fact]
    public void A_negative_period_keeps_like_zero_and_reads_as_zero()
    {
        var settings = Settings(("Retention:AuditDays", "-5"));

        Assert.Equal(0, Retention.Days(settings, "Audit", 730));
        Assert.Null(Retention.Cutoff(settings, "Audit", 730, Now));
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
