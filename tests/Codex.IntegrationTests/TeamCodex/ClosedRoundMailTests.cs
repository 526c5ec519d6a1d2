using System.Globalization;
using System.Net;
using Codex.IntegrationTests.Infrastructure;
using Codex.IntegrationTests.Notifications;
using Codex.Modules.Notifications.Domain;
using Codex.Modules.TeamCodex.Features.Scheduling;
using Codex.Shared.Persistence;
using Codex.Testing;
using Microsoft.EntityFrameworkCore;

namespace Codex.IntegrationTests.TeamCodex;

/// <summary>
/// Mails asking for a response to a round that closed before they went out (quiet hours, a digest, a
/// busy queue) are cancelled, never sent: they show as cancelled, with the reason, on the mail page.
/// </summary>
public abstract class ClosedRoundMailTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : TeamCodexTest(provider, postgres, host)
{
    // The job server stays on (memberships and the round's opening and closing travel through the
    // outbox); quiet hours all day but the minute after midnight keep every mail queued.
    protected override void ConfigureHost(CodexApplicationFactory factory)
    {
        factory.Settings["Notifications:Transport"] = "Smtp";
        factory.Settings["Notifications:Smtp:Host"] = smtp.Server.Host;
        factory.Settings["Notifications:Smtp:Port"] = smtp.Server.Port.ToString(CultureInfo.InvariantCulture);
        factory.Settings["Notifications:Smtp:Security"] = "None";
        factory.Settings["Notifications:BaseUrl"] = "https://codex.sozialwerk-rheinaue.example/";
        factory.Settings["Notifications:QuietHours:From"] = "00:01";
        factory.Settings["Notifications:QuietHours:To"] = "00:00";
        factory.Settings["Notifications:QuietHours:Weekends"] = "true";
    }

    [Fact]
    public async Task A_closed_rounds_queued_invitation_and_reminder_are_cancelled_and_never_sent()
    {
        var unit = await NewUnitAsync();
        await unit.Lead.ChangeSettingsAsync(unit.UnitId, s => s with { ResponseReminderDaysBeforeClose = 14 });
        var round = await unit.Lead.OpenRoundAsync(unit.UnitId, null, days: 10);
        await Eventually.HoldsAsync(() => QueuedMailsAsync($"codex-invite:{round}:"), n => n == 1, Delivery, "the member's invitation is queued");
        await Factory.SendAsync(new SendCodexRemindersCommand());
        Assert.True(await QueuedMailsAsync($"codex-round:{round}:") >= 1, "the reminders to respond are queued");
        var queued = await MailsAboutAsync(round);
        Assert.All(queued, m => Assert.Equal(EmailStatus.Queued, m.Status));

        await (await unit.Lead.PostAsync($"/api/codex/rounds/{round}/close", null)).AssertStatusAsync(HttpStatusCode.OK);

        var mails = await Eventually.HoldsAsync(
            () => MailsAboutAsync(round), m => m.Count == queued.Count && m.All(x => x.Status == EmailStatus.Cancelled), Delivery, "invitation and reminder are cancelled");
        Assert.All(mails, m => Assert.Equal("The review round closed before this mail went out.", m.LastError));
        await Factory.MakeDueAsync(unit.MemberId);
        await Factory.RunSendJobAsync();
        Assert.DoesNotContain(smtp.Server.Messages(), m => (m.TextBody ?? "").Contains($"/codex/rounds/{round}", StringComparison.Ordinal));
        Assert.All(await MailsAboutAsync(round), m => Assert.Equal(EmailStatus.Cancelled, m.Status));

        var page = WebUtility.HtmlDecode(await (await AdminAsync()).GetStringAsync("/admin/mail?status=Cancelled"));
        Assert.Contains("The review round closed before this mail went out.", page, StringComparison.Ordinal);
    }

    private Task<List<EmailMessage>> MailsAboutAsync(Guid round) =>
        Factory.WithModuleDbAsync("Notifications", db => db.Set<EmailMessage>().AsNoTracking()
            .Where(m => m.DeduplicationKey.StartsWith($"codex-invite:{round}:") || m.DeduplicationKey.StartsWith($"codex-round:{round}:")).ToListAsync());
}

[Collection(IntegrationCollection.Name)]
public sealed class ClosedRoundMailTestsOnSqlite(PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : ClosedRoundMailTests(DatabaseProvider.Sqlite, postgres, host, smtp), IClassFixture<SharedHost>, IClassFixture<SmtpFixture>;

[Collection(IntegrationCollection.Name)]
public sealed class ClosedRoundMailTestsOnPostgreSql(PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : ClosedRoundMailTests(DatabaseProvider.PostgreSql, postgres, host, smtp), IClassFixture<SharedHost>, IClassFixture<SmtpFixture>;
