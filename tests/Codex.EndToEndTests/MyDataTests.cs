using System.Text.Json;
using Codex.Testing;
using Microsoft.Playwright;

namespace Codex.EndToEndTests;

/// <summary>"Meine Daten" in Chromium: a member finds what Codex holds about them, downloads it as JSON and reads it on a phone.</summary>
public sealed class MyDataTests(CodexSite site) : BrowserTest(site)
{
    [Fact]
    public async Task A_member_opens_Meine_Daten_from_the_header_sees_every_section_and_downloads_the_JSON()
    {
        var member = await Site.SignedInPageAsync(DemoLogins.Member);
        await member.GotoAsync("/");

        await member.GetByRole(AriaRole.Link, new() { Name = "Meine Daten", Exact = true }).ClickAsync();

        await Expect(member).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/me/data$"));
        await Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Meine Daten" })).ToBeVisibleAsync();
        var sections = await member.GetByRole(AriaRole.Heading, new() { Level = 2 }).AllInnerTextsAsync();
        Assert.Equal(["Person und Organisation", "Anmeldekonto", "Kompetenzen", "Lernen", "Team-Kodex", "Benachrichtigungen"], sections.Select(s => s.Trim()).ToArray());
        var memberships = member.GetByRole(AriaRole.Table, new() { Name = "Zugehörigkeit zu Einheiten" });
        await Expect(memberships.GetByRole(AriaRole.Row).Filter(new() { HasText = "Pflegeteam Nord" })).ToHaveCountAsync(1);
        await Expect(member.GetByRole(AriaRole.Table, new() { Name = "Einschreibungen" }).GetByRole(AriaRole.Row)).Not.ToHaveCountAsync(0);
        var problems = await PageChecks.AccessibilityProblemsAsync(member);
        Assert.True(problems.Count == 0, $"{member.Url}:{PageChecks.Describe(problems)}");

        var download = await member.RunAndWaitForDownloadAsync(() =>
            member.GetByRole(AriaRole.Link, new() { Name = "Als Datei herunterladen (JSON)" }).ClickAsync());

        Assert.Matches(@"^codex-meine-daten-\d{4}-\d{2}-\d{2}\.json$", download.SuggestedFilename);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(await download.PathAsync()));
        var modules = json.RootElement.GetProperty("sections").EnumerateArray().ToList();
        Assert.Equal(["Organization", "Identity", "Skills", "Learning", "TeamCodex", "Notifications"], modules.Select(s => s.GetProperty("module").GetString() ?? "").ToArray());
        var profile = modules[0].GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("key").GetString() == "profile");
        Assert.Contains(profile.GetProperty("rows").EnumerateArray(), r => r[1].GetString() == "Yılmaz");
        AssertNoBrowserErrors(member);
    }

    [Fact]
    public async Task On_a_phone_the_tables_of_Meine_Daten_stack_without_scrolling_sideways_and_the_print_document_is_accessible()
    {
        var member = await Site.SignedInPageAsync(DemoLogins.Member, Device.Phone);

        await member.GotoAsync("/me/data");

        await Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Meine Daten" })).ToBeVisibleAsync();
        Assert.Empty(await PageChecks.HorizontalScrollingAsync(member));
        await CodexSite.SaveScreenshotAsync(member, "my-data-phone");

        // The document has no site navigation to skip: its content checks and a visible focus are what count.
        await member.GotoAsync("/me/data/print");
        await Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Meine Daten in Codex: Mehmet Yılmaz" })).ToBeVisibleAsync();
        Assert.Empty(await PageChecks.HorizontalScrollingAsync(member));
        var problems = (await PageChecks.ContentAccessibilityProblemsAsync(member)).Concat(await PageChecks.FocusIndicatorProblemsAsync(member)).ToList();
        Assert.True(problems.Count == 0, $"{member.Url}:{PageChecks.Describe(problems)}");
        AssertNoBrowserErrors(member);
    }
}
