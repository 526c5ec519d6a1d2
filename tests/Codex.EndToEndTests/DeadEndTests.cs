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
