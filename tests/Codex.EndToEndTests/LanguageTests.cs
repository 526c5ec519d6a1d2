using Codex.Testing;
using Microsoft.Playwright;

namespace Codex.EndToEndTests;

public sealed class LanguageTests(CodexSite site) : BrowserTest(site)
{
    [Fact]
    public async Task Switching_to_English_changes_the_texts_and_stays_until_switched_back_to_German()
    {
        var page = await Site.SignedInPageAsync(DemoLogins.Member);
        await page.GotoAsync("/org?search=Pflege");
        await AssertGermanAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        // The same page (and search) again, now in English.
        await Expect(page).ToHaveURLAsync(new Regex("/org\\?search=Pflege$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Searchbox, new() { Name = "Search units" })).ToHaveValueAsync("Pflege");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true })).ToBeVisibleAsync();
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "People" })).ToBeVisibleAsync();
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Overview" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Expect(page.GetByText("7 members")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Deutsch" })).ToBeVisibleAsync();

        // The choice is remembered on the next page.
        await navigation.GetByRole(AriaRole.Link, new() { Name = "People" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "People" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Searchbox, new() { Name = "Search by name", Exact = true })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Deutsch" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Personen" })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await page.GotoAsync("/org?search=Pflege");
        await AssertGermanAsync(page);
        AssertNoBrowserErrors(page);
    }

    private static async Task AssertGermanAsync(IPage page)
    {
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Expect(page.GetByRole(AriaRole.Searchbox, new() { Name = "Einheiten durchsuchen" })).ToHaveValueAsync("Pflege");
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" });
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Personen" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToBeVisibleAsync();
        await Expect(page.GetByText("7 Mitglieder")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "English" })).ToBeVisibleAsync();
    }
}
