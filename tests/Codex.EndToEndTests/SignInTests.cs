using Codex.Testing;
using Microsoft.Playwright;

namespace Codex.EndToEndTests;

public sealed class SignInTests(CodexSite site) : BrowserTest(site)
{
    [Fact]
    public async Task A_member_signs_in_with_the_demo_login_and_sees_the_organisation_tree()
    {
        var page = await Site.NewPageAsync();

        // Not signed in, the organisation page sends the person to the login first ...
        await page.GotoAsync("/org");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login", RegexOptions.IgnoreCase));
        await CodexSite.SignInThroughFormAsync(page, DemoLogins.Member, DemoLogins.Password);

        // ... and back to where they wanted to go.
        await Expect(page).ToHaveURLAsync(new Regex("/org$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Organisation" })).ToBeVisibleAsync();
        var tree = page.GetByRole(AriaRole.List, new() { Name = "Organisation" });
        await Expect(tree.GetByRole(AriaRole.Link, new() { Name = "Sozialwerk Rheinaue e.V." })).ToBeVisibleAsync();
        foreach (var name in new[] { "Ambulante Pflege", "Pflegeteam Nord", "Pflegeteam Süd", "Wohngruppe Lindenhof", "Jugendtreff Mitte", "Schuldnerberatung" })
        {
            await Expect(tree.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        }
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToBeVisibleAsync();
        // A member reads the tree; creating units is for Admin and HR.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Neue Einheit anlegen" })).ToHaveCountAsync(0);
        AssertNoBrowserErrors(page);
    }

    [Fact]
    public async Task A_wrong_password_shows_a_visible_German_error_and_keeps_the_email()
    {
        var page = await Site.NewPageAsync();
        await page.GotoAsync("/Account/Login");

        await CodexSite.SignInThroughFormAsync(page, DemoLogins.TeamLead, "not-the-password");

        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToBeVisibleAsync();
        await Expect(alert).ToHaveTextAsync("E-Mail-Adresse oder Passwort ist falsch.");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login", RegexOptions.IgnoreCase));
        await Expect(page.GetByLabel("E-Mail-Adresse")).ToHaveValueAsync(DemoLogins.TeamLead);
        await Expect(page.GetByLabel("Passwort", new() { Exact = true })).ToHaveValueAsync("");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Signing_in_needs_no_mouse_Tab_reaches_the_fields_and_Enter_submits()
    {
        var page = await Site.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        var email = page.GetByLabel("E-Mail-Adresse");
        var password = page.GetByLabel("Passwort", new() { Exact = true });

        // Tab through what comes before the form (skip link, header) until the email field.
        var tabs = 0;
        while (!await IsFocusedAsync(email))
        {
            Assert.True(++tabs <= 6, $"The email field was not reached with {tabs - 1} presses of Tab.");
            await page.Keyboard.PressAsync("Tab");
            Assert.NotEqual("", await PageChecks.FocusIndicatorOfFocusedElementAsync(page));
        }
        await page.Keyboard.TypeAsync(DemoLogins.Member);
        await page.Keyboard.PressAsync("Tab");
        await Expect(password).ToBeFocusedAsync();
        Assert.NotEqual("", await PageChecks.FocusIndicatorOfFocusedElementAsync(page));
        await page.Keyboard.TypeAsync(DemoLogins.Password);
        await CodexSite.SaveScreenshotAsync(page, "login-keyboard-focus-desktop");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Willkommen, Mehmet Yılmaz!" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToBeVisibleAsync();
        AssertNoBrowserErrors(page);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        // A sign-in of its own: signing out ends that session on the server, and the shared
        // signed-in tabs of the other tests must keep theirs.
        var page = await Site.NewPageAsync();
        await CodexSite.SignInThroughFormAsync(page, DemoLogins.HumanResources, DemoLogins.Password);
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Sie sind abgemeldet." })).ToBeVisibleAsync();
        await page.GotoAsync("/people");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login", RegexOptions.IgnoreCase));
        AssertNoBrowserErrors(page);
    }

    [Fact]
    public async Task A_member_signs_out_another_device_on_the_sessions_page_and_that_device_is_signed_out_at_its_next_request()
    {
        // Two devices of the same person, each with a sign-in of its own (the laptop says it is Firefox on Windows).
        var laptop = await Site.Browser.NewContextAsync(new() { BaseURL = Site.BaseAddress.ToString(), Locale = "de-DE", TimezoneId = "Europe/Berlin", UserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0" });
        var other = await laptop.NewPageAsync();
        await CodexSite.SignInThroughFormAsync(other, DemoLogins.Member, DemoLogins.Password);
        await Expect(other.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToBeVisibleAsync();
        var page = await Site.NewPageAsync();
        await CodexSite.SignInThroughFormAsync(page, DemoLogins.Member, DemoLogins.Password);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Angemeldete Geräte" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Angemeldete Geräte" })).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Firefox · Windows" });
        await Expect(row).ToHaveCountAsync(1);
        Assert.Empty(await PageChecks.AccessibilityProblemsAsync(page));
        await CodexSite.SaveScreenshotAsync(page, "sessions-desktop");
        await row.GetByRole(AriaRole.Button).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Abgemeldet: 1 Gerät(e).");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Firefox · Windows" })).ToHaveCountAsync(0);

        // The laptop's next request finds its session ended: back to the login.
        await other.GotoAsync("/me/password");
        await Expect(other).ToHaveURLAsync(new Regex("/Account/Login", RegexOptions.IgnoreCase));
        await page.GotoAsync("/me/password");
        await Expect(page).ToHaveURLAsync(new Regex("/me/password$"));
        AssertNoBrowserErrors(page);
        await laptop.CloseAsync();
    }

    private static Task<bool> IsFocusedAsync(ILocator locator) =>
        locator.EvaluateAsync<bool>("e => e === document.activeElement");
}
