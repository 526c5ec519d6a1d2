using Microsoft.Playwright;

namespace Codex.EndToEndTests;

/// <summary>
/// Base of the browser test classes: one <see cref="CodexSite"/> (host + Chromium) per class,
/// the browser contexts a test opened are closed when it ends.
/// </summary>
public abstract class BrowserTest(CodexSite site) : IClassFixture<CodexSite>, IAsyncLifetime
{
    static BrowserTest()
    {
        // Web-first assertions retry until this timeout; a busy 2-core machine needs some room.
        Assertions.SetDefaultExpectTimeout(10_000);
    }

    protected CodexSite Site => site;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => site.CloseContextsAsync();

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    protected static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    /// <summary>Asserts the tab saw no console error, script error or failed request so far.</summary>
    protected void AssertNoBrowserErrors(IPage page)
    {
        var errors = site.BrowserErrorsOf(page);
        Assert.True(errors.Count == 0, $"The browser reported errors on {page.Url}:\n  {string.Join("\n  ", errors)}");
    }
}
