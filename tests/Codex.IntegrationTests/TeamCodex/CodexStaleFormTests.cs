using System.Net;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;

namespace Codex.IntegrationTests.TeamCodex;

/// <summary>A codex form sent from an outdated page comes back with what the user entered and the current state, never blank.</summary>
public abstract class CodexStaleFormTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : TeamCodexTest(provider, postgres, host)
{
    [Fact]
    public async Task Stale_settings_come_back_with_the_users_entries_and_the_saved_state_and_saving_again_applies_them()
    {
        var unit = await NewUnitAsync();
        var address = $"/codex/{unit.UnitId}/settings";
        var page = await unit.Lead.GetStringAsync(address);
        await unit.Lead.ChangeSettingsAsync(unit.UnitId, s => s with { ReviewCadenceMonths = 3 });

        var stale = await unit.Lead.PostAsync(address, HtmlForm.Submit(page, "",
            ("Data.ReviewCadenceMonths", "24"), ("Data.ResponseReminderDaysBeforeClose", "5"), ("Data.AcknowledgeReminderAfterDays", "11"), ("Data.QuorumPercent", "")));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var html = WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync());
        Assert.Contains("Jemand anderes hat die Einstellungen inzwischen gespeichert.", html, StringComparison.Ordinal);
        Assert.Contains("gespeichert ist jetzt: Turnus 3 Monate", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"24\" selected=\"selected\">", html, StringComparison.Ordinal);
        Assert.Contains("value=\"11\"", html, StringComparison.Ordinal);
        Assert.Equal(3, (await unit.Lead.GetOkAsync<SettingsDto>(CodexApiClient.Url(unit.UnitId, "/settings"))).ReviewCadenceMonths);

        var again = await unit.Lead.PostAsync(address, HtmlForm.Submit(html, "",
            ("Data.ReviewCadenceMonths", "24"), ("Data.ResponseReminderDaysBeforeClose", "5"), ("Data.AcknowledgeReminderAfterDays", "11"), ("Data.QuorumPercent", "")));

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var saved = await unit.Lead.GetOkAsync<SettingsDto>(CodexApiClient.Url(unit.UnitId, "/settings"));
        Assert.Equal((24, 5, 11), (saved.ReviewCadenceMonths, saved.ResponseReminderDaysBeforeClose, saved.AcknowledgeReminderAfterDays));
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class CodexStaleFormTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : CodexStaleFormTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class CodexStaleFormTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : CodexStaleFormTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
