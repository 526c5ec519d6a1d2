using Codex.Testing;
using Microsoft.Playwright;

namespace Codex.EndToEndTests;

/// <summary>Where a person starts: the home page shows what waits for them, each one link away, or what Codex is for.</summary>
public sealed class HomeTests(CodexSite site) : BrowserTest(site)
{
    [Fact]
    public async Task The_member_finds_the_round_the_lead_opened_on_the_home_page_and_follows_it_to_respond_on_a_phone()
    {
        // The lead starts the team's codex and asks the team to review it.
        var lead = await Site.SignedInPageAsync(DemoLogins.TeamLead);
        await lead.GotoAsync("/codex");
        await lead.GetByRole(AriaRole.Link, new() { Name = "Pflegeteam Nord", Exact = true }).ClickAsync();
        var unitUrl = lead.Url;
        await lead.GetByRole(AriaRole.Button, new() { Name = "Kodex aus Vorlage anlegen" }).ClickAsync();
        await Expect(lead.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Entwurf: Pflegeteam Nord" })).ToBeVisibleAsync();
        await lead.GotoAsync(unitUrl);
        await lead.GetByRole(AriaRole.Link, new() { Name = "Einstellungen", Exact = true }).ClickAsync();
        await lead.GetByRole(AriaRole.Button, new() { Name = "Review-Runde starten" }).ClickAsync();
        await Expect(lead.GetByRole(AriaRole.Status)).ToHaveTextAsync("Die Review-Runde ist eröffnet.");
        var roundUrl = lead.Url;

        // The member, on a phone, sees it first thing, with its closing date.
        var member = await Site.SignedInPageAsync(DemoLogins.Member, Device.Phone);
        await member.GotoAsync("/");
        var rounds = member.Locator("section", new() { Has = member.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Review-Runden: Ihre Rückmeldung ist gefragt" }) });
        var item = rounds.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Pflegeteam Nord" });
        await Expect(item).ToContainTextAsync(new Regex(@"Rückmeldung bis einschließlich \d{2}\.\d{2}\.\d{4}"));
        await CodexSite.SaveScreenshotAsync(member, "home-member-round-phone");
        Assert.Empty(await PageChecks.HorizontalScrollingAsync(member));

        await item.GetByRole(AriaRole.Link, new() { Name = "Review-Runde zum Teamkodex „Pflegeteam Nord“" }).TapAsync();
        await Expect(member).ToHaveURLAsync(roundUrl);
        await member.GetByLabel("Zustimmung", new() { Exact = true }).CheckAsync();
        await member.GetByRole(AriaRole.Button, new() { Name = "Rückmeldung senden" }).TapAsync();
        await Expect(member.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Ihre Rückmeldung wurde gespeichert.");

        // Answered: it no longer waits.
        await member.GetByRole(AriaRole.Link, new() { Name = "Übersicht", Exact = true }).TapAsync();
        await Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Willkommen, Mehmet Yılmaz!" })).ToBeVisibleAsync();
        await Expect(member.GetByRole(AriaRole.Link, new() { Name = "Review-Runde zum Teamkodex „Pflegeteam Nord“" })).ToHaveCountAsync(0);
        AssertNoBrowserErrors(member);
        AssertNoBrowserErrors(lead);
    }

    [Fact]
    public async Task A_person_nothing_waits_for_reads_what_Codex_is_for_and_starts_from_there_in_German_and_English()
    {
        var (email, _) = await NewAccountAsync("Nora", "Neu");
        var page = await Site.SignedInPageAsync(email);
        await page.GotoAsync("/");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Gerade wartet nichts auf Sie." })).ToBeVisibleAsync();
        await Expect(page.GetByText("In Codex hält Ihr Team fest, wie es zusammenarbeitet")).ToBeVisibleAsync();
        Assert.Empty(await PageChecks.AccessibilityProblemsAsync(page));
        await CodexSite.SaveScreenshotAsync(page, "home-empty-desktop");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Nothing is waiting for you right now." })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Deutsch" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Teamkodex lesen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Teamkodex" })).ToBeVisibleAsync();
        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" }).GetByRole(AriaRole.Link, new() { Name = "Benachrichtigungen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Meine E-Mail-Einstellungen" })).ToBeVisibleAsync();
        AssertNoBrowserErrors(page);
    }
}
