using System.Net;
using System.Net.Http.Json;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Outbox;
using Codex.Shared.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.IntegrationTests;

/// <summary>
/// Organization's membership changes reach TeamCodex through the outbox: written in the same
/// transaction, delivered by a Hangfire job enqueued after the commit, deduplicated by the inbox.
/// </summary>
public abstract class OutboxDeliveryTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    internal static readonly TimeSpan Delivery = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_demo_memberships_reach_the_team_codex()
    {
        var admin = await AdminAsync();
        var team = await admin.UnitAsync(await admin.UnitIdAsync("Pflegeteam Nord"));

        var participants = await Eventually.HoldsAsync(
            () => admin.ParticipantsAsync(team.Id), p => p.Count == 7, Delivery, "the 7 members of Pflegeteam Nord take part in its codex");

        Assert.Equal(team.Members.Select(m => m.PersonId).Order(), participants.Select(p => p.PersonId).Order());
        var lead = Assert.Single(participants, p => p.IsLead);
        Assert.Equal(team.Members.Single(m => m.IsLead).PersonId, lead.PersonId);
    }

    [Fact]
    public async Task A_person_added_to_a_team_becomes_a_participant_of_its_codex()
    {
        var (admin, team, person) = await NewTeamAndPersonAsync();

        var added = await admin.PutAsync($"/api/org/units/{team}/members/{person}", null);

        await added.AssertStatusAsync(HttpStatusCode.NoContent);
        Assert.Contains((await admin.UnitAsync(team)).Members, m => m.PersonId == person);
        var participants = await Eventually.HoldsAsync(
            () => admin.ParticipantsAsync(team), p => p.Any(x => x.PersonId == person), Delivery, "the new member takes part");
        Assert.False(Assert.Single(participants).IsLead);
    }

    [Fact]
    public async Task A_person_removed_from_a_team_no_longer_takes_part_in_its_codex()
    {
        var (admin, team, person) = await NewTeamAndPersonAsync();
        await (await admin.PutAsync($"/api/org/units/{team}/members/{person}", null)).AssertStatusAsync(HttpStatusCode.NoContent);
        await Eventually.HoldsAsync(() => admin.ParticipantsAsync(team), p => p.Count == 1, Delivery, "the new member takes part");

        var removed = await admin.DeleteAsync($"/api/org/units/{team}/members/{person}");

        await removed.AssertStatusAsync(HttpStatusCode.NoContent);
        await Eventually.HoldsAsync(() => admin.ParticipantsAsync(team), p => p.Count == 0, Delivery, "the removed member no longer takes part");
    }

    [Fact]
    public async Task Making_a_member_lead_and_back_reaches_the_team_codex()
    {
        var (admin, team, person) = await NewTeamAndPersonAsync();
        await (await admin.PutAsync($"/api/org/units/{team}/members/{person}", null)).AssertStatusAsync(HttpStatusCode.NoContent);
        await Eventually.HoldsAsync(() => admin.ParticipantsAsync(team), p => p.Count == 1, Delivery, "the new member takes part");

        await (await admin.PutAsJsonAsync($"/api/org/units/{team}/members/{person}/lead", new { isLead = true })).AssertStatusAsync(HttpStatusCode.NoContent);
        await Eventually.HoldsAsync(() => admin.ParticipantsAsync(team), p => p.Single().IsLead, Delivery, "the member leads the codex");

        await (await admin.PutAsJsonAsync($"/api/org/units/{team}/members/{person}/lead", new { isLead = false })).AssertStatusAsync(HttpStatusCode.NoContent);
        await Eventually.HoldsAsync(() => admin.ParticipantsAsync(team), p => !p.Single().IsLead, Delivery, "the member no longer leads");
    }

    [Fact]
    public async Task Delivering_the_same_outbox_message_again_changes_nothing()
    {
        var (admin, team, person) = await NewTeamAndPersonAsync();
        await (await admin.PutAsync($"/api/org/units/{team}/members/{person}", null)).AssertStatusAsync(HttpStatusCode.NoContent);
        await Eventually.HoldsAsync(() => admin.ParticipantsAsync(team), p => p.Count == 1, Delivery, "the new member takes part");
        var messageId = await OutboxRows.MembershipMessageIdAsync(Factory, person);

        var reset = await OutboxRows.MarkUndeliveredAsync(Factory, messageId);
        Assert.Equal(1, reset);
        await DispatchAsync();

        Assert.NotNull(await OutboxRows.ProcessedAtAsync(Factory, messageId)); // it really was delivered again
        Assert.Equal(person, Assert.Single(await admin.ParticipantsAsync(team)).PersonId);
        Assert.Equal(1, await OutboxRows.InboxCountAsync(Factory, messageId));
    }

    [Fact]
    public async Task Dispatchers_delivering_the_same_messages_at_once_apply_each_once_and_record_no_failure()
    {
        var (admin, team, first) = await NewTeamAndPersonAsync();
        var people = new List<Guid> { first };
        for (var i = 0; i < 7; i++)
        {
            people.Add(await admin.CreatePersonAsync("Paula", $"Parallel-{i}-" + Guid.NewGuid().ToString("N")[..6]));
        }

        foreach (var person in people)
        {
            await (await admin.PutAsync($"/api/org/units/{team}/members/{person}", null)).AssertStatusAsync(HttpStatusCode.NoContent);
        }

        await Eventually.HoldsAsync(() => admin.ParticipantsAsync(team), p => p.Count == people.Count, Delivery, "all take part");
        var messages = new List<Guid>();
        foreach (var person in people)
        {
            var id = await OutboxRows.MembershipMessageIdAsync(Factory, person);
            Assert.Equal(1, await OutboxRows.MarkUndeliveredAsync(Factory, id));
            messages.Add(id);
        }

        // Like three hosts whose jobs start together (and the host's own job beside them).
        await Task.WhenAll(DispatchAsync(), DispatchAsync(), DispatchAsync());

        foreach (var id in messages)
        {
            Assert.NotNull(await OutboxRows.ProcessedAtAsync(Factory, id));
            Assert.Equal(0, await OutboxRows.AttemptsAsync(Factory, id));
            Assert.Equal(1, await OutboxRows.InboxCountAsync(Factory, id));
        }

        Assert.Equal(people.Order(), (await admin.ParticipantsAsync(team)).Select(p => p.PersonId).Order());
    }

    private async Task DispatchAsync()
    {
        using var scope = Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new DispatchOutboxCommand());
    }

    /// <summary>A team of its own and a person of its own, so tests sharing the host do not see each other.</summary>
    private async Task<(HttpClient Admin, Guid Team, Guid Person)> NewTeamAndPersonAsync()
    {
        var admin = await AdminAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var department = await admin.CreateUnitAsync("Abteilung " + suffix, "Department", await admin.UnitIdAsync(CodexApi.DemoOrganisation));
        var team = await admin.CreateUnitAsync("Team " + suffix, "Team", department);
        var person = await admin.CreatePersonAsync("Paula", "Projektion-" + suffix);
        return (admin, team, person);
    }
}

/// <summary>The outbox and inbox rows of a membership change, read and reset directly in the module databases.</summary>
internal static class OutboxRows
{
    public static Task<Guid> MembershipMessageIdAsync(Testing.CodexApplicationFactory factory, Guid personId) =>
        factory.WithModuleDbAsync("Organization", async db =>
        {
            var rows = await db.OutboxMessages.AsNoTracking()
                .Where(m => m.Type.Contains("MembershipChangedIntegrationEvent") && m.Payload.Contains(personId.ToString()))
                .Select(m => m.Id)
                .ToListAsync();
            return Assert.Single(rows);
        });

    public static Task<DateTimeOffset?> ProcessedAtAsync(Testing.CodexApplicationFactory factory, Guid messageId) =>
        factory.WithModuleDbAsync("Organization", db =>
            db.OutboxMessages.AsNoTracking().Where(m => m.Id == messageId).Select(m => m.ProcessedAt).SingleAsync());

    public static Task<int> AttemptsAsync(Testing.CodexApplicationFactory factory, Guid messageId) =>
        factory.WithModuleDbAsync("Organization", db =>
            db.OutboxMessages.AsNoTracking().Where(m => m.Id == messageId).Select(m => m.Attempts).SingleAsync());

    public static Task<int> MarkUndeliveredAsync(Testing.CodexApplicationFactory factory, Guid messageId) =>
        factory.WithModuleDbAsync("Organization", db =>
            db.OutboxMessages.Where(m => m.Id == messageId).ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAt, (DateTimeOffset?)null)));

    public static Task<int> InboxCountAsync(Testing.CodexApplicationFactory factory, Guid messageId) =>
        factory.WithModuleDbAsync("TeamCodex", db => db.InboxMessages.CountAsync(m => m.MessageId == messageId));
}

[Collection(IntegrationCollection.Name)]
public sealed class OutboxDeliveryTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : OutboxDeliveryTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class OutboxDeliveryTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : OutboxDeliveryTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
