using Codex.Testing;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Codex.EndToEndTests;

/// <summary>
/// Every page each role can reach by clicking from the home page — one page per route shape,
/// bounded per role — passes the accessibility checks: our own content checks
/// (<see cref="PageChecks.ContentAccessibilityProblemsAsync"/>: lang, one h1, main landmark,
/// labels, contrast) and axe-core's WCAG 2.1 A/AA rules with a serious or critical impact. The
/// keyboard walk and skip link of the shared layout are checked on the main screens
/// (<see cref="AccessibilityTests"/>).
/// </summary>
public sealed class EveryPageAccessibilityTests(CodexSite site) : BrowserTest(site)
{
    /// <summary>Pages checked per role at most (the strongest role first; a shape checked once counts for all).</summary>
    private const int PagesPerRole = 30;

    private static readonly (string Role, string? Login)[] Roles =
    [
        ("admin", DemoLogins.Admin),
        ("HR", DemoLogins.HumanResources),
        ("team lead", DemoLogins.TeamLead),
        ("member", DemoLogins.Member),
        ("anonymous", null),
    ];

    [Fact]
    public async Task Every_page_each_role_can_reach_meets_the_accessibility_checks()
    {
        var problems = new List<string>();
        var checkedShapes = new HashSet<string>(StringComparer.Ordinal);
        var visited = 0;
        foreach (var (role, login) in Roles)
        {
            var page = login is null ? await Site.NewPageAsync() : await Site.SignedInPageAsync(login);
            var queue = new Queue<string>(["/"]);
            var seen = new HashSet<string>(StringComparer.Ordinal) { SiteCrawler.ShapeOf("/") };
            var checkedForRole = 0;
            while (queue.Count > 0 && checkedForRole < PagesPerRole)
            {
                var path = queue.Dequeue();
                IResponse? response;
                try
                {
                    response = await page.GotoAsync(path);
                }
                catch (PlaywrightException e) when (e.Message.Contains("Download is starting", StringComparison.Ordinal))
                {
                    continue; // an export (CSV, Markdown): a file, not a page
                }

                var here = new Uri(page.Url).PathAndQuery;
                if (response is null || response.Status >= 400 || !(response.Headers.TryGetValue("content-type", out var type) && type.Contains("html", StringComparison.Ordinal)))
                {
                    continue;
                }

                // Links first: the checks move the focus and reload the page.
                var links = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))");
                foreach (var link in links)
                {
                    if (SiteCrawler.LocalPath(link, here) is { } target
                        && !target.StartsWith("/jobs", StringComparison.OrdinalIgnoreCase) && !target.StartsWith("/api/", StringComparison.OrdinalIgnoreCase)
                        && !target.StartsWith("/api-reference", StringComparison.OrdinalIgnoreCase)
                        && seen.Add(SiteCrawler.ShapeOf(target)))
                    {
                        queue.Enqueue(target);
                    }
                }

                // A redirect (e.g. to the login) lands on a page of another shape: check that one.
                if (!checkedShapes.Add(SiteCrawler.ShapeOf(here)))
                {
                    continue;
                }

                checkedForRole++;
                visited++;
                foreach (var problem in await AxeProblemsAsync(page))
                {
                    problems.Add($"{role,-9} | {here} | {problem}");
                }

                foreach (var problem in await PageChecks.ContentAccessibilityProblemsAsync(page))
                {
                    problems.Add($"{role,-9} | {here} | {problem}");
                }
            }

            await page.Context.CloseAsync();
        }

        // Guard: the crawl must really have walked the site, or this test would pass on nothing.
        Assert.True(visited >= 25, $"Only {visited} pages were checked.");
        Assert.True(problems.Count == 0,
            $"{problems.Count} accessibility problems on {visited} pages (role | page | rule: problem):\n" + string.Join("\n", problems));
    }

    /// <summary>axe-core's violations of WCAG 2.0/2.1 level A and AA with a serious or critical impact, one line per rule.</summary>
    private static async Task<IReadOnlyList<string>> AxeProblemsAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        return
        [
            .. result.Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"axe {v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html.Length > 120 ? n.Html[..120] + "…" : n.Html))}"),
        ];
    }
}
