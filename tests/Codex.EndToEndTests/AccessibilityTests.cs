using Microsoft.Playwright;

namespace Codex.EndToEndTests;

public sealed class AccessibilityTests(CodexSite site) : BrowserTest(site)
{
    public static TheoryData<string> AllScreens => [.. Screens.All];

    [Theory]
    [MemberData(nameof(AllScreens))]
    public async Task The_screen_meets_the_accessibility_basics(string screen)
    {
        var page = await Screens.OpenAsync(Site, screen);
        // Something to check: every screen has at least one form (search, sign-in, language switch).
        Assert.True(await page.Locator("input:not([type=hidden]), select, textarea, button").CountAsync() > 0);

        var problems = await PageChecks.AccessibilityProblemsAsync(page);

        Assert.True(problems.Count == 0, $"{screen}:{PageChecks.Describe(problems)}");
        AssertNoBrowserErrors(page);
    }

    [Fact]
    public async Task The_scroll_region_check_finds_a_box_the_keyboard_cannot_reach_and_a_focusable_one_without_a_name()
    {
        var page = await Site.NewPageAsync();
        await page.SetContentAsync("""
            <html lang="de"><body style="width: 300px">
              <div id="unreachable" style="overflow-x: auto"><div style="width: 900px">breit</div></div>
              <div id="nameless" tabindex="0" style="overflow-x: auto"><div style="width: 900px">breit</div></div>
              <div id="named" tabindex="0" role="region" aria-labelledby="named-label" style="overflow-x: auto"><span id="named-label">Tabelle</span><div style="width: 900px">breit</div></div>
              <div id="with-link" style="overflow-x: auto"><a href="/x" style="display: inline-block; width: 900px">Link</a></div>
              <div id="narrow" style="overflow-x: auto"><div style="width: 100px">schmal</div></div>
            </body></html>
            """);

        var problems = await PageChecks.UnreachableScrollRegionsAsync(page);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("not reachable by keyboard", StringComparison.Ordinal) && p.Contains("div#unreachable", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("without a name", StringComparison.Ordinal) && p.Contains("div#nameless", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_accessibility_checks_find_each_problem_of_a_broken_page()
    {
        var page = await Site.NewPageAsync();
        await page.SetContentAsync("""
            <html><head><style>.faint { color: #aaaaaa; } :focus-visible { outline: 3px solid #000; } .plain:focus-visible { outline: none; } .yellow:focus-visible { outline-color: #ffbf47; }</style></head><body>
              <div><a href="/somewhere">First link</a></div>
              <button class="plain">No focus ring</button>
              <a class="yellow" href="/elsewhere">Faint focus ring</a>
              <h1>One</h1><h1>Two</h1>
              <input id="nameless" type="text">
              <p class="faint">Hard to read</p>
            </body></html>
            """);

        var problems = await PageChecks.AccessibilityProblemsAsync(page);

        Assert.Contains(problems, p => p.Contains("lang", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("exactly one <h1>, found 2", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("main landmark, found 0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("nameless", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Hard to read", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("No visible focus outline on <button class=\"plain\">", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Faint focus ring", StringComparison.Ordinal) && p.Contains("needs 3:1", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("not a skip link", StringComparison.Ordinal));
        Assert.Equal(8, problems.Count);
    }

    [Fact]
    public async Task The_organisation_tree_tells_screen_readers_which_unit_belongs_to_which()
    {
        var page = await Screens.OpenAsync(Site, Screens.Organisation);
        var tree = page.GetByRole(AriaRole.List, new() { Name = "Organisation" });

        var team = tree.GetByRole(AriaRole.Link, new() { Name = "Pflegeteam Nord", Exact = true });
        var parentOfTeam = await team.EvaluateAsync<string?>(
            "e => e.closest('li')?.parentElement?.closest('li')?.querySelector('a')?.textContent");
        var department = tree.GetByRole(AriaRole.Link, new() { Name = "Ambulante Pflege", Exact = true });
        var parentOfDepartment = await department.EvaluateAsync<string?>(
            "e => e.closest('li')?.parentElement?.closest('li')?.querySelector('a')?.textContent");

        Assert.Equal("Ambulante Pflege", parentOfTeam);
        Assert.Equal("Sozialwerk Rheinaue e.V.", parentOfDepartment);
    }
}
