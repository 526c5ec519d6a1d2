using System.Net;
using System.Net.Http.Json;
using Codex.IntegrationTests.Infrastructure;
using Codex.IntegrationTests.Notifications;
using Codex.Modules.TeamCodex.Features.Scheduling;
using Codex.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Codex.IntegrationTests.TeamCodex;

/// <summary>
/// The recurring TeamCodex jobs, run the way Hangfire runs them (a command in its own scope), each
/// twice: a second run — a retry, or two servers — changes nothing and sends nothing twice.
/// </summary>
public abstract class CodexJobTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : TeamCodexTest(provider, postgres, host)
{
    [Fact]
    public async Task A_codex_due_for_review_gets_one_round_however_often_the_job_runs()
    {
        var unit = await NewUnitAsync();
        await unit.PublishNewVersionAsync("Unser Zweck.");
        await unit.Lead.ChangeSettingsAsync(unit.UnitId, s => s with { NextReviewOn = Today });
        var codexId = (await unit.Lead.CodexAsync(unit.UnitId)).CodexId!.Value;
        var roundsBefore = await RoundsAsync(codexId);

        await Factory.SendAsync(new OpenDueReviewRoundsCommand());
        var afterFirst = await unit.Lead.CodexAsync(unit.UnitId);
        await Factory.SendAsync(new OpenDueReviewRoundsCommand());
        var afterSecond = await unit.Lead.CodexAsync(unit.UnitId);

        Assert.NotNull(afterFirst.OpenRoundId);
        Assert.Equal(afterFirst.OpenRoundId, afterSecond.OpenRoundId);
        Assert.Equal(roundsBefore + 1, await RoundsAsync(codexId));
        var round = await unit.Member.RoundAsync(afterFirst.OpenRoundId!.Value);
        Assert.Null(round.ProposalId);
        Assert.Equal((2, true), (round.ParticipantCount, round.IAmParticipant));
        Assert.Equal(Today.AddDays(14), round.ClosesOn);
    }

    [Fact]
    public async Task A_codex_not_yet_due_or_never_published_gets_no_round()
    {
        var published = await NewUnitAsync();
        await published.PublishNewVersionAsync("Unser Zweck.");
        await published.Lead.ChangeSettingsAsync(published.UnitId, s => s with { NextReviewOn = Today.AddDays(1) });
        var draftOnly = await NewUnitAsync();
        await draftOnly.Lead.ChangeSettingsAsync(draftOnly.UnitId, s => s with { NextReviewOn = Today.AddDays(-1) });

        await Factory.SendAsync(new OpenDueReviewRoundsCommand());

        Assert.Null((await published.Lead.CodexAsync(published.UnitId)).OpenRoundId);
        Assert.Null((await draftOnly.Lead.CodexAsync(draftOnly.UnitId)).OpenRoundId);
    }

    [Fact]
    public async Task A_round_past_its_closing_date_is_closed_once_and_its_participants_are_told_once()
    {
        var unit = await NewUnitAsync();
        await unit.PublishNewVersionAsync("Unser Zweck.");
        var round = await unit.Lead.OpenRoundAsync(unit.UnitId, null);
        await unit.Member.RespondAsync(round, "Objection", "Die Übergaben klappen so nicht.");
        await unit.Lead.ChangeSettingsAsync(unit.UnitId, s => s with { ReviewCadenceMonths = 3 });

        // The round was opened with a future date (the rules allow no other); move it into the past as time would.
        var yesterday = Today.AddDays(-1);
        await TeamCodexDbAsync(db => db.Rounds.Where(r => r.Id == round).ExecuteUpdateAsync(s => s.SetProperty(r => r.ClosesOn, yesterday)));
        Assert.True((await unit.Lead.RoundAsync(round)).ClosedAt is null);

        await Factory.SendAsync(new CloseExpiredReviewRoundsCommand());
        var afterFirst = await unit.Lead.RoundAsync(round);
        var codexAfterFirst = await unit.Lead.CodexAsync(unit.UnitId);
        await Factory.SendAsync(new CloseExpiredReviewRoundsCommand());
        var afterSecond = await unit.Lead.RoundAsync(round);

        Assert.Equal("ChangesRequested", afterFirst.Outcome);
        Assert.NotNull(afterFirst.ClosedAt);
        Assert.Equal((afterFirst.ClosedAt, afterFirst.Outcome, afterFirst.OutcomeStatement), (afterSecond.ClosedAt, afterSecond.Outcome, afterSecond.OutcomeStatement));
        Assert.Null(codexAfterFirst.OpenRoundId);
        Assert.Equal(Today.AddMonths(3), codexAfterFirst.NextReviewOn);
        Assert.Equal(codexAfterFirst.NextReviewOn, (await unit.Lead.CodexAsync(unit.UnitId)).NextReviewOn);

        // The outcome mail goes through the outbox: one per participant, and no more after the second run.
        await Eventually.HoldsAsync(() => QueuedMailsAsync($"codex-outcome:{round}:"), n => n == 2, Delivery, "both participants are told the outcome");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(2, await QueuedMailsAsync($"codex-outcome:{round}:"));
    }

    [Fact]
    public async Task A_round_still_within_its_closing_date_stays_open()
    {
        var unit = await NewUnitAsync();
        var round = await unit.Lead.OpenRoundAsync(unit.UnitId, null, days: 1);
        await TeamCodexDbAsync(db => db.Rounds.Where(r => r.Id == round).ExecuteUpdateAsync(s => s.SetProperty(r => r.ClosesOn, Today)));

        await Factory.SendAsync(new CloseExpiredReviewRoundsCommand());

        Assert.Null((await unit.Lead.RoundAsync(round)).ClosedAt);
        await (await unit.Member.PostResponseAsync(round, "Consent")).AssertStatusAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Reminders_go_to_those_who_have_not_responded_or_acknowledged_once_however_often_the_job_runs()
    {
        var unit = await NewUnitAsync();
        await unit.PublishNewVersionAsync("Unser Zweck.");
        var codexId = (await unit.Lead.CodexAsync(unit.UnitId)).CodexId!.Value;
        await (await unit.Lead.PostAsJsonAsync(CodexApiClient.Url(unit.UnitId, "/acknowledgements"), new { version = 1 })).AssertStatusAsync(HttpStatusCode.NoContent);

        // A review round closing in two days (reminders start three days before), answered by the lead only.
        var round = await unit.Lead.OpenRoundAsync(unit.UnitId, null, days: 2);
        await unit.Lead.RespondAsync(round, "Consent");

        // Version 1 was published eight days ago, past the seven days after which members are reminded to confirm it.
        var eightDaysAgo = DateTimeOffset.UtcNow.AddDays(-8);
        await TeamCodexDbAsync(db => db.Versions.Where(v => v.CodexId == codexId).ExecuteUpdateAsync(s => s.SetProperty(v => v.PublishedAt, eightDaysAgo)));

        await Factory.SendAsync(new SendCodexRemindersCommand());
        await Factory.SendAsync(new SendCodexRemindersCommand());

        Assert.Equal(1, await QueuedMailsAsync($"codex-round:{round}:r0:{unit.MemberId}"));
        Assert.Equal(0, await QueuedMailsAsync($"codex-round:{round}:r0:{unit.LeadId}"));
        Assert.Equal(1, await QueuedMailsAsync($"codex-ack:{codexId}:v1:{unit.MemberId}"));
        Assert.Equal(0, await QueuedMailsAsync($"codex-ack:{codexId}:v1:{unit.LeadId}"));
    }

    [Fact]
    public async Task No_reminder_is_sent_for_a_round_that_closes_later_than_the_reminder_days()
    {
        var unit = await NewUnitAsync();
        var round = await unit.Lead.OpenRoundAsync(unit.UnitId, null, days: 10);

        await Factory.SendAsync(new SendCodexRemindersCommand());

        Assert.Equal(0, await QueuedMailsAsync($"codex-round:{round}:"));
    }

    private Task<int> RoundsAsync(Guid codexId) => TeamCodexDbAsync(db => db.Rounds.CountAsync(r => r.CodexId == codexId));
}

[Collection(IntegrationCollection.Name)]
public sealed class CodexJobTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : CodexJobTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class CodexJobTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : CodexJobTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
