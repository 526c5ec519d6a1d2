using System.Text.Json;
using Codex.Host.Identity;
using Codex.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>A new person (created by the admin through the API) with an account, as the demo seeder makes accounts.</summary>
    protected async Task<(string Email, Guid PersonId)> NewAccountAsync(string firstName, string lastName)
    {
        var email = $"{firstName.ToLowerInvariant()}.{Guid.NewGuid():N}@codex-tests.example";
        var admin = await Site.SignedInPageAsync(DemoLogins.Admin);
        var personId = (await SendAsync(admin, "POST", "/api/org/people", new { firstName, lastName, email, preferredLanguage = "de" })).GetProperty("id").GetGuid();

        using var scope = Site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CodexAccount>>();
        var account = new CodexAccount
        {
            Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true, PersonId = personId, DisplayName = $"{firstName} {lastName}",
            CreatedAt = DateTimeOffset.UtcNow, ActivatedAt = DateTimeOffset.UtcNow,
        };
        var result = await users.CreateAsync(account, DemoLogins.Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(account, "Member");
        return (email, personId);
    }

    /// <summary>A call of the page's own script, as the browser marks it (the API refuses cross-site writes).</summary>
    protected static async Task<JsonElement> SendAsync(IPage page, string method, string path, object? body = null)
    {
        var response = await page.APIRequest.FetchAsync(path, new()
        {
            Method = method,
            DataObject = body,
            Headers = new Dictionary<string, string> { ["Sec-Fetch-Site"] = "same-origin" },
        });
        Assert.True(response.Ok, $"{method} {path}: {response.Status} {await response.TextAsync()}");
        return response.Status == 204 ? default : (await response.JsonAsync())!.Value;
    }
}
