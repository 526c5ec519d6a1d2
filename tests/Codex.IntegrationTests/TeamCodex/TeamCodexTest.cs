using System.Net;
using System.Net.Http.Json;
using Codex.IntegrationTests.Infrastructure;
using Codex.Modules.Notifications.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Codex.IntegrationTests.TeamCodex;

/// <summary>
/// Base of the TeamCodex suites. Tests share one host per class, so each test works in a unit of
/// its own (made here, with the demo team lead as its lead and the demo member as member) unless
/// it is about the demo team itself.
/// </summary>
public abstract class TeamCodexTest(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    internal static readonly TimeSpan Delivery = TimeSpan.FromSeconds(20);

    protected const string DemoTeam = "Pflegeteam Nord";

    protected static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    protected static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The person ids of the demo team lead and member, from the demo team's members.</summary>
    protected async Task<(Guid Lead, Guid Member)> DemoPeopleAsync()
    {
        var admin = await AdminAsync();
        var team = await admin.UnitAsync(await admin.UnitIdAsync(DemoTeam));
        return (team.Members.Single(m => m.IsLead).PersonId, team.Members.Single(m => m.DisplayName.StartsWith("Mehmet", StringComparison.Ordinal)).PersonId);
    }

    /// <summary>
    /// A new team (or department) with the demo lead leading it and the demo member in it, known to
    /// TeamCodex (membership arrives through the outbox), and with a codex started by the lead.
    /// </summary>
    protected async Task<CodexUnit> NewUnitAsync(string kind = "Team", bool createCodex = true)
    {
        var admin = await AdminAsync();
        var parent = await admin.UnitIdAsync(kind == "Team" ? "Ambulante Pflege" : CodexApi.DemoOrganisation);
        var unitId = await admin.CreateUnitAsync(Unique($"Kodex-Test {kind}"), kind, parent);
        var (lead, member) = await DemoPeopleAsync();
        await (await admin.PutAsync($"/api/org/units/{unitId}/members/{lead}", null)).AssertStatusAsync(HttpStatusCode.NoContent);
        await (await admin.PutAsync($"/api/org/units/{unitId}/members/{member}", null)).AssertStatusAsync(HttpStatusCode.NoContent);
        await (await admin.PutAsJsonAsync($"/api/org/units/{unitId}/members/{lead}/lead", new { isLead = true })).AssertStatusAsync(HttpStatusCode.NoContent);
        await Eventually.HoldsAsync(
            () => admin.ParticipantsAsync(unitId), p => p.Count == 2 && p.Single(x => x.PersonId == lead).IsLead, Delivery, "lead and member take part");
        var unit = new CodexUnit(unitId, await TeamLeadAsync(), lead, await MemberAsync(), member);
        if (createCodex)
        {
            await unit.Lead.CreateCodexAsync(unitId);
        }

        return unit;
    }

    private protected Task<T> TeamCodexDbAsync<T>(Func<TeamCodexDbContext, Task<T>> work) =>
        Factory.WithModuleDbAsync(TeamCodexDbContext.Module, db => work((TeamCodexDbContext)db));

    /// <summary>Mails queued in Notifications whose deduplication key starts so (each reminder or outcome mail has its own key).</summary>
    protected Task<int> QueuedMailsAsync(string deduplicationKeyPrefix) =>
        Factory.WithModuleDbAsync("Notifications", db => db.Set<EmailMessage>().CountAsync(m => m.DeduplicationKey.StartsWith(deduplicationKeyPrefix)));
}
