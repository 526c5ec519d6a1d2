using System.Text.RegularExpressions;
using Codex.Testing;
using Microsoft.Playwright;

namespace Codex.EndToEndTests;

/// <summary>The "Verarbeitungsübersicht" in Chromium: a member finds it from Meine Daten, reads it with a screen reader's structure, on a phone and on paper.</summary>
public sealed class ProcessingOverviewTests(CodexSite site) : BrowserTest(site)
{
    [Fact]
    public async Task A_member_opens_the_overview_from_Meine_Daten_and_it_is_accessible_and_prints_without_the_site_navigation()
    {
        var member = await Site.SignedInPageAsync(DemoLogins.Member);
        await member.GotoAsync("/me/data");

        await member.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Verarbeitungsübersicht: was Codex über alle speichert, wofür, wer es sieht und wie lange" }).ClickAsync();

        await Expect(member).ToHaveURLAsync(new Regex("/privacy/processing$"));
        await Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Verarbeitungsübersicht" })).ToBeVisibleAsync();
        var sections = await member.GetByRole(AriaRole.Heading, new() { Level = 2 }).AllInnerTextsAsync();
        Assert.Equal(
            ["Datenschutzeinstellungen, die gerade gelten", "Personen und Organisation", "Anmeldekonto und Sitzungen", "Kompetenzen", "Lernen", "Team-Kodex", "Benachrichtigungen (E-Mail)"],
            sections.Select(s => s.Trim()).ToArray());
        await Expect(member.Locator("#processing-minimum-group-size")).ToHaveTextAsync(new Regex(@"^\d+ Personen$"));
        await Expect(member.Locator("#processing-individual-levels")).ToHaveTextAsync(new Regex("^(ja|nein) "));
        var problems = await PageChecks.AccessibilityProblemsAsync(member);
        Assert.True(problems.Count == 0, $"{member.Url}:{PageChecks.Describe(problems)}");

        // On paper: the document without the site's header, navigation and footer.
        await member.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(member.Locator(".site-header")).ToBeHiddenAsync();
        await Expect(member.Locator(".site-footer")).ToBeHiddenAsync();
        await Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Verarbeitungsübersicht" })).ToBeVisibleAsync();
        AssertNoBrowserErrors(member);
    }

    [Fact]
    public async Task On_a_phone_the_overview_fits_the_screen_without_scrolling_sideways()
    {
        var member = await Site.SignedInPageAsync(DemoLogins.Member, Device.Phone);

        await member.GotoAsync("/privacy/processing");

        await Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Verarbeitungsübersicht" })).ToBeVisibleAsync();
        Assert.Empty(await PageChecks.HorizontalScrollingAsync(member));
        await CodexSite.SaveScreenshotAsync(member, "processing-overview-phone");
        AssertNoBrowserErrors(member);
    }
}
