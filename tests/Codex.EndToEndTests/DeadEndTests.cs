using Codex.Testing;
using Microsoft.Playwright;

namespace Codex.EndToEndTests;

/// <summary>A dead link or a missing right leads to a friendly page in the layout, with a way on — on a phone too.</summary>
public sealed class DeadEndTests(CodexSite site) : BrowserTest(site)
{
    [Fact]
    public async Task A_member_following_a_dead_link_on_a_phone_gets_the_not_found_page_and_a_way_home()
    {
        var member = await Site.SignedInPageAsync(DemoLogins.Member, Device.Phone);

        var response = await member.GotoAsync("/intranet/anleitungen/gibt-es-nicht");

        Assert.Equal(404, response?.Status);
        await Expect(member).ToHaveTitleAsync("Seite nicht gefunden – Codex");
        await Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Seite nicht gefunden" })).ToBeVisibleAsync();
        await CodexSite.SaveScreenshotAsync(member, "not-found-phone");
        Assert.Empty(await PageChecks.HorizontalScrollingAsync(member));
        Assert.Empty(await PageChecks.AccessibilityProblemsAsync(member));

        await member.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Zur Übersicht" }).TapAsync();
        await Expect(member).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/$"));
        await Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_outage_page_on_a_phone_says_codex_is_back_in_a_moment_and_offers_to_try_again_without_reloading_by_itself()
    {
        var member = await Site.SignedInPageAsync(DemoLogins.Member, Device.Phone);

        // The page a database outage re-executes (Outage/DatabaseOutageTests shows it during a real one).
        var response = await member.GotoAsync("/error/503");

        Assert.Equal(503, response?.Status);
        Assert.Equal("10", await response!.HeaderValueAsync("retry-after"));
        await Expect(member).ToHaveTitleAsync("Codex ist gleich wieder da – Codex");
        await Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Codex ist gleich wieder da" })).ToBeVisibleAsync();
        await Expect(member.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Erneut versuchen" })).ToBeVisibleAsync();
        // No automatic reload: a page that changes by itself is a timing barrier (WCAG 2.2.1).
        Assert.Equal(0, await member.Locator("meta[http-equiv='refresh' i]").CountAsync());
        await CodexSite.SaveScreenshotAsync(member, "outage-phone");
        Assert.Empty(await PageChecks.HorizontalScrollingAsync(member));
        Assert.Empty(await PageChecks.AccessibilityProblemsAsync(member));
    }

    [Fact]
    public async Task An_item_that_no_longer_exists_is_explained_in_english_for_an_english_reader()
    {
        var member = await Site.SignedInPageAsync(DemoLogins.Member);
        await member.GotoAsync("/");
        await member.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        var response = await member.GotoAsync($"/org/units/{Guid.NewGuid()}");

        Assert.Equal(404, response?.Status);
        await Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Page not found" })).ToBeVisibleAsync();
        Assert.Equal("en", await member.Locator("html").GetAttributeAsync("lang"));
    }
}
