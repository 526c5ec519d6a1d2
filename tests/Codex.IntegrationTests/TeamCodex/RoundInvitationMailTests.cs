using System.Globalization;
using Codex.IntegrationTests.Infrastructure;
using Codex.IntegrationTests.Notifications;
using Codex.Modules.TeamCodex.Contracts;
using Codex.Modules.TeamCodex.Features.Scheduling;
using Codex.Shared.Persistence;
using Codex.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Codex.IntegrationTests.TeamCodex;

/// <summary>
/// When a review round opens, its participants are invited by mail (over real SMTP), in their own
/// language, once: a redelivered opening or a job that runs twice sends nothing twice.
/// </summary>
public abstract class RoundInvitationMailTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : TeamCodexTest(provider, postgres, host)
{
    private const string LeadAddress = DemoLogins.TeamLead;
    private const string MemberAddress = DemoLogins.Member;

    // The job server stays on (memberships and round openings travel through the outbox); mail goes to the test server at once.
    protected override void ConfigureHost(CodexApplicationFactory factory)
    {
        factory.Settings["Notifications:Transport"] = "Smtp";
        factory.Settings["Notifications:Smtp:Host"] = smtp.Server.Host;
        factory.Settings["Notifications:Smtp:Port"] = smtp.Server.Port.ToString(CultureInfo.InvariantCulture);
        factory.Settings["Notifications:Smtp:Security"] = "None";
        factory.Settings["Notifications:BaseUrl"] = "https://codex.sozialwerk-rheinaue.example/";
        factory.Settings["Notifications:QuietHours:From"] = "00:00";
        factory.Settings["Notifications:QuietHours:To"] = "00:00";
        factory.Settings["Notifications:QuietHours:Weekends"] = "false";
    }

    [Fact]
    public async Task A_round_a_lead_opens_invites_the_other_participants_once_in_their_language()
    {
        var unit = await NewUnitAsync();
        var admin = await AdminAsync();
        var unitName = (await admin.UnitAsync(unit.UnitId)).Name;
        await admin.ChangeLanguageAsync(unit.MemberId, "en");

        var round = await unit.Lead.OpenRoundAsync(unit.UnitId, null, days: 10);
        await Eventually.HoldsAsync(() => QueuedMailsAsync($"codex-invite:{round}:"), n => n == 1, Delivery, "the member is invited");
        await RedeliverOpeningAsync(round);
        await Factory.RunSendJobAsync();

        var invitation = Assert.Single(await InvitationsAsync(MemberAddress, round, 1));
        // The closing date in the reader's own format (en-GB).
        var closesOn = Today.AddDays(10).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        Assert.Equal($"Review round of the team codex “{unitName}”: please respond by {closesOn}", invitation.Subject);
        Assert.Contains($"Go to the review round: https://codex.sozialwerk-rheinaue.example/codex/rounds/{round}", invitation.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", invitation.HtmlBody, StringComparison.Ordinal);
        // The lead opened the round: no invitation for them.
        Assert.Equal(0, await QueuedMailsAsync($"codex-invite:{round}:{unit.LeadId}"));
        Assert.Empty(InvitationsTo(LeadAddress, round));
        Assert.Equal(1, await QueuedMailsAsync($"codex-invite:{round}:"));

        await admin.ChangeLanguageAsync(unit.MemberId, "de");
    }

    [Fact]
    public async Task A_round_the_review_cadence_opens_invites_every_participant_once_however_often_the_job_runs()
    {
        var unit = await NewUnitAsync();
        var admin = await AdminAsync();
        var unitName = (await admin.UnitAsync(unit.UnitId)).Name;
        await unit.PublishNewVersionAsync("Unser Zweck.");
        await unit.Lead.ChangeSettingsAsync(unit.UnitId, s => s with { NextReviewOn = Today });

        await Factory.SendAsync(new OpenDueReviewRoundsCommand());
        await Factory.SendAsync(new OpenDueReviewRoundsCommand());
        var round = (await unit.Lead.CodexAsync(unit.UnitId)).OpenRoundId!.Value;
        await Eventually.HoldsAsync(() => QueuedMailsAsync($"codex-invite:{round}:"), n => n == 2, Delivery, "lead and member are invited");
        await RedeliverOpeningAsync(round);
        await Factory.RunSendJobAsync();
        await Factory.RunSendJobAsync();

        foreach (var address in new[] { LeadAddress, MemberAddress })
        {
            var invitation = Assert.Single(await InvitationsAsync(address, round, 1));
            Assert.StartsWith($"Review-Runde zum Teamkodex „{unitName}“: Ihre Rückmeldung bis ", invitation.Subject, StringComparison.Ordinal);
            Assert.Contains("Bitte geben Sie bis einschließlich", invitation.TextBody, StringComparison.Ordinal);
        }

        Assert.Equal(2, await QueuedMailsAsync($"codex-invite:{round}:"));
    }

    /// <summary>The outbox delivers at least once: the same opening a second time, as a retried dispatch would.</summary>
    private async Task RedeliverOpeningAsync(Guid roundId)
    {
        var codexId = await TeamCodexDbAsync(db => Task.FromResult(db.Rounds.Where(r => r.Id == roundId).Select(r => r.CodexId).Single()));
        using var scope = Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>()
            .Publish(new ReviewRoundOpenedIntegrationEvent(Guid.NewGuid(), DateTimeOffset.UtcNow, roundId, codexId));
    }

    private IReadOnlyList<MimeMessage> InvitationsTo(string address, Guid roundId) =>
        [.. smtp.Server.MessagesTo(address).Where(m => (m.TextBody ?? "").Contains($"/codex/rounds/{roundId}", StringComparison.Ordinal))];

    /// <summary>Waits until <paramref name="count"/> invitations to the round arrived at the address, then a moment for any extra.</summary>
    private async Task<IReadOnlyList<MimeMessage>> InvitationsAsync(string address, Guid roundId, int count)
    {
        await Eventually.HoldsAsync(() => Task.FromResult(InvitationsTo(address, roundId).Count), n => n >= count, MailTesting.Arrival, $"{count} invitation(s) to {address}");
        await Task.Delay(TimeSpan.FromSeconds(1));
        return InvitationsTo(address, roundId);
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class RoundInvitationMailTestsOnSqlite(PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : RoundInvitationMailTests(DatabaseProvider.Sqlite, postgres, host, smtp), IClassFixture<SharedHost>, IClassFixture<SmtpFixture>;

[Collection(IntegrationCollection.Name)]
public sealed class RoundInvitationMailTestsOnPostgreSql(PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : RoundInvitationMailTests(DatabaseProvider.PostgreSql, postgres, host, smtp), IClassFixture<SharedHost>, IClassFixture<SmtpFixture>;
