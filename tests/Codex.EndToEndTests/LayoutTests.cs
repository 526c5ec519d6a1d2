using Codex.Testing;
using Microsoft.Playwright;

namespace Codex.EndToEndTests;

public sealed class LayoutTests(CodexSite site) : BrowserTest(site)
{
    public static TheoryData<string, Device> ScreensOnDevices()
    {
        var data = new TheoryData<string, Device>();
        foreach (var screen in Screens.All)
        {
            data.Add(screen, Device.Phone);
            data.Add(screen, Device.Desktop);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ScreensOnDevices))]
    public async Task The_screen_fits_the_width_of_the_device_without_sideways_scrolling(string screen, Device device)
    {
        var page = await Screens.OpenAsync(Site, screen, device);
        await CodexSite.SaveScreenshotAsync(page, $"{screen}-{device.ToString().ToLowerInvariant()}");

        var problems = await PageChecks.HorizontalScrollingAsync(page);

        Assert.True(problems.Count == 0, PageChecks.Describe(problems));
        AssertNoBrowserErrors(page);
    }

    [Fact]
    public async Task On_a_phone_the_main_navigation_is_fully_visible_with_large_tap_targets_and_works()
    {
        var page = await Site.SignedInPageAsync(DemoLogins.Admin, Device.Phone);
        await page.GotoAsync("/org");
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" });
        var links = navigation.GetByRole(AriaRole.Link);

        var count = await links.CountAsync();
        Assert.True(count >= 3, $"Expected the main navigation to offer at least 3 links, found {count}.");
        for (var i = 0; i < count; i++)
        {
            var link = links.Nth(i);
            await Expect(link).ToBeVisibleAsync();
            var box = await link.BoundingBoxAsync();
            Assert.NotNull(box);
            var name = await link.TextContentAsync();
            Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"Navigation link '{name}' is outside the screen (x {box.X}, width {box.Width}).");
            Assert.True(box.Height >= 44, $"Navigation link '{name}' is {box.Height}px high; a finger needs 44px.");
        }

        await navigation.GetByRole(AriaRole.Link, new() { Name = "Personen" }).TapAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Personen" })).ToBeVisibleAsync();
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Personen" })).ToHaveAttributeAsync("aria-current", "page");
        await navigation.GetByRole(AriaRole.Link, new() { Name = "Organisation" }).TapAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Organisation" })).ToBeVisibleAsync();
        AssertNoBrowserErrors(page);
    }
}
