using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Codex.IntegrationTests.Infrastructure;
using Codex.IntegrationTests.TeamCodex;
using Codex.Shared.Persistence;

namespace Codex.IntegrationTests.Home;

/// <summary>
/// The home page shows what waits for the signed-in person — review rounds to respond to, versions
/// to confirm, learning steps due or overdue, sign-offs waiting — each one link away; and when
/// nothing does, what Codex is for.
/// </summary>
public abstract partial class HomePageTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : TeamCodexTest(provider, postgres, host)
{
    [Fact]
    public async Task A_participant_sees_an_open_round_with_its_closing_date_until_they_have_responded()
    {
        var unit = await NewUnitAsync();
        var unitName = (await (await AdminAsync()).UnitAsync(unit.UnitId)).Name;
        var round = await unit.Lead.OpenRoundAsync(unit.UnitId, null, days: 10);
        var link = $"/codex/rounds/{round}";
        var closesOn = Today.AddDays(10);

        var item = HomeSetup.ItemLinkingTo(await unit.Member.HomeAsync(), link);
        Assert.Contains($"Review-Runde zum Teamkodex „{unitName}“", item, StringComparison.Ordinal);
        Assert.Contains($"Rückmeldung bis einschließlich {closesOn.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)}", item, StringComparison.Ordinal);
        var english = HomeSetup.ItemLinkingTo(await unit.Member.HomeAsync("en-GB"), link);
        Assert.Contains($"Review round of the team codex “{unitName}”", english, StringComparison.Ordinal);
        Assert.Contains($"respond by {closesOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)} inclusive", english, StringComparison.Ordinal);

        await unit.Member.RespondAsync(round, "Consent");

        Assert.DoesNotContain(link, await unit.Member.HomeAsync(), StringComparison.Ordinal);
        // The lead takes part too and has not responded yet.
        HomeSetup.ItemLinkingTo(await unit.Lead.HomeAsync(), link);
    }

    [Fact]
    public async Task A_round_whose_proposal_was_amended_asks_the_participant_again()
    {
        var unit = await NewUnitAsync();
        await unit.Member.EditDraftAsync(unit.UnitId, "Übergaben schriftlich.");
        var proposal = await unit.Member.ProposeAsync(unit.UnitId, "Übergaben festhalten");
        var round = await unit.Lead.OpenRoundAsync(unit.UnitId, proposal);
        await unit.Member.RespondAsync(round, "Consent");
        Assert.DoesNotContain($"/codex/rounds/{round}", await unit.Member.HomeAsync(), StringComparison.Ordinal);

        await unit.Member.EditDraftAsync(unit.UnitId, "Übergaben schriftlich, bis 13:30 Uhr.");
        await (await unit.Member.PostAsJsonAsync($"/api/codex/proposals/{proposal}/amend", new { text = "Uhrzeit ergänzt." })).AssertStatusAsync(HttpStatusCode.OK);

        var item = HomeSetup.ItemLinkingTo(await unit.Member.HomeAsync(), $"/codex/rounds/{round}");
        Assert.Contains("zum Vorschlag „Übergaben festhalten“", item, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_in_force_waits_for_the_members_confirmation_until_they_give_it()
    {
        var unit = await NewUnitAsync();
        var unitName = (await (await AdminAsync()).UnitAsync(unit.UnitId)).Name;
        var version = await unit.PublishNewVersionAsync("Unser Zweck.");
        var link = $"/codex/{unit.UnitId}";

        var item = HomeSetup.ItemLinkingTo(await unit.Member.HomeAsync(), link);
        Assert.Contains($"Version {version} des Teamkodex „{unitName}“", item, StringComparison.Ordinal);
        Assert.Contains($"veröffentlicht am {HomeSetup.GermanDate(DateTimeOffset.UtcNow)}", item, StringComparison.Ordinal);

        await (await unit.Member.PostAsJsonAsync(CodexApiClient.Url(unit.UnitId, "/acknowledgements"), new { version })).AssertStatusAsync(HttpStatusCode.NoContent);

        Assert.DoesNotContain($"href=\"{link}\"", await unit.Member.HomeAsync(), StringComparison.Ordinal);
        HomeSetup.ItemLinkingTo(await unit.Lead.HomeAsync(), link);
    }

    [Fact]
    public async Task A_step_due_within_the_reminder_window_or_overdue_appears_with_its_date_and_one_due_later_does_not()
    {
        var hr = await HumanResourcesAsync();
        var (_, member) = await DemoPeopleAsync();
        var soon = await Factory.EnrolAsync(hr, member, dueInDays: 3);
        var later = await Factory.EnrolAsync(hr, member, dueInDays: 30);

        var home = await (await MemberAsync()).HomeAsync();
        var item = HomeSetup.ItemLinkingTo(home, $"/learning/enrolments/{soon.EnrolmentId}");
        Assert.Contains($"Merkblatt lesen – {soon.PathTitle}", item, StringComparison.Ordinal);
        Assert.Contains($"fällig am {HomeSetup.GermanDate(await Factory.DueOnAsync(soon.EnrolmentId))}", item, StringComparison.Ordinal);
        Assert.DoesNotContain("Überfällig", item, StringComparison.Ordinal);
        Assert.DoesNotContain($"/learning/enrolments/{later.EnrolmentId}", home, StringComparison.Ordinal);

        var dueOn = DateTimeOffset.UtcNow.AddDays(-2);
        await Factory.MakeDueOnAsync(later.EnrolmentId, dueOn);

        var overdue = HomeSetup.ItemLinkingTo(await (await MemberAsync()).HomeAsync(), $"/learning/enrolments/{later.EnrolmentId}");
        Assert.Contains("Überfällig", overdue, StringComparison.Ordinal);
        Assert.Contains($"war fällig am {HomeSetup.GermanDate(dueOn)}", overdue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_submitted_for_sign_off_leaves_the_learners_list_and_waits_on_the_leads_home_page()
    {
        var hr = await HumanResourcesAsync();
        var member = await MemberAsync();
        var lead = await TeamLeadAsync();
        var (_, mehmet) = await DemoPeopleAsync();
        var before = (await lead.GetOkAsync<List<HomeSetup.IdDto>>("/api/learning/sign-offs")).Count;
        var enrolment = await Factory.EnrolAsync(hr, mehmet, dueInDays: 3);
        HomeSetup.ItemLinkingTo(await member.HomeAsync(), $"/learning/enrolments/{enrolment.EnrolmentId}");

        await member.CompleteStepsAsync(enrolment.EnrolmentId, 2);

        Assert.DoesNotContain($"/learning/enrolments/{enrolment.EnrolmentId}", await member.HomeAsync(), StringComparison.Ordinal);
        var expected = before + 1 == 1 ? "1 Lernschritt wartet auf Ihre Bestätigung" : $"{before + 1} Lernschritte warten auf Ihre Bestätigung";
        var section = SignOffSection().Match(await lead.HomeAsync());
        Assert.True(section.Success, "The lead's home page has no sign-off section.");
        Assert.Contains($"<a href=\"/learning/sign-offs\">{expected}</a>", section.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_nothing_waits_for_reads_what_Codex_is_for_and_where_to_start()
    {
        var admin = await AdminAsync();
        var email = await Factory.NewAccountAsync(admin, "Nora", "Neu");
        using var nora = await Factory.SignInAsync(email);

        var home = await nora.HomeAsync();

        Assert.Contains("<h1>Willkommen, Nora Neu!</h1>", home, StringComparison.Ordinal);
        Assert.Contains("Gerade wartet nichts auf Sie.", home, StringComparison.Ordinal);
        Assert.Contains("In Codex hält Ihr Team fest, wie es zusammenarbeitet", home, StringComparison.Ordinal);
        foreach (var start in new[] { "/codex", "/me/skills", "/learning", "/me/notifications" })
        {
            Assert.Contains($"href=\"{start}\"", home, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Das wartet auf Sie:", home, StringComparison.Ordinal);
        var english = await nora.HomeAsync("en-GB");
        Assert.Contains("Nothing is waiting for you right now.", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_notification_settings_are_one_link_away_in_the_navigation_of_every_signed_in_person()
    {
        foreach (var client in new[] { await MemberAsync(), await TeamLeadAsync(), await HumanResourcesAsync(), await AdminAsync() })
        {
            var navigation = Navigation().Match(await client.HomeAsync());
            Assert.True(navigation.Success);
            Assert.Contains("<a href=\"/me/notifications\" aria-current=\"false\">Benachrichtigungen</a>", navigation.Value, StringComparison.Ordinal);
        }

        var response = await (await MemberAsync()).GetAsync("/me/notifications");
        await response.AssertStatusAsync(HttpStatusCode.OK);
    }

    [GeneratedRegex("<section aria-labelledby=\"signoffs-heading\".*?</section>", RegexOptions.Singleline)]
    private static partial Regex SignOffSection();

    [GeneratedRegex("<nav aria-label=\"Hauptnavigation\">.*?</nav>", RegexOptions.Singleline)]
    private static partial Regex Navigation();
}

[Collection(IntegrationCollection.Name)]
public sealed class HomePageTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : HomePageTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class HomePageTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : HomePageTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
