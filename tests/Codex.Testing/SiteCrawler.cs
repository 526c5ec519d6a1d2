using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace Codex.Testing;

/// <summary>A page the crawl reached: where, with which status, its HTML, and the page that linked to it.</summary>
public sealed record CrawledPage(string Path, int Status, string Html, string LinkedFrom);

/// <summary>A same-origin link that answered 404 (a dead end), and the page it was found on.</summary>
public sealed record DeadLink(string Path, int Status, string LinkedFrom);

/// <summary>What one crawl found: the pages (one per route shape), the dead links and the 5xx answers.</summary>
public sealed record CrawlResult(IReadOnlyList<CrawledPage> Pages, IReadOnlyList<DeadLink> DeadLinks, IReadOnlyList<DeadLink> ServerErrors);

/// <summary>
/// Follows the same-origin links of a site from a start page, as a person clicking through it
/// would, but visits each <em>route shape</em> once (ids and numbers in the path replaced, query
/// values ignored), so a list of 39 people costs one visit to a person page, not 39. Redirects
/// are followed like links. Hangfire's own dashboard (<c>/jobs</c>) and the API reference
/// (<c>/api-reference</c>, Scalar's page) are checked, not descended.
/// </summary>
public static partial class SiteCrawler
{
    /// <summary>Paths whose pages are not ours to crawl (their links are still checked once).</summary>
    private static readonly string[] NotDescended = ["/jobs", "/api-reference"];

    public static async Task<CrawlResult> CrawlAsync(HttpClient client, string start = "/", int maxPages = 120)
    {
        var pages = new List<CrawledPage>();
        var dead = new List<DeadLink>();
        var errors = new List<DeadLink>();
        var seenShapes = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<(string Path, string From)>();
        queue.Enqueue((start, "(start)"));
        seenShapes.Add(ShapeOf(start));
        var parser = new HtmlParser();

        while (queue.Count > 0 && pages.Count < maxPages)
        {
            var (path, from) = queue.Dequeue();
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.ParseAdd("text/html");
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var type = response.Content.Headers.ContentType?.MediaType ?? "";
            var html = type.Contains("html", StringComparison.OrdinalIgnoreCase) ? await response.Content.ReadAsStringAsync() : "";
            if (status == 404)
            {
                dead.Add(new DeadLink(path, status, from));
                continue;
            }

            if (status >= 500)
            {
                errors.Add(new DeadLink(path, status, from));
                continue;
            }

            var next = new List<string>();
            if (status is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                next.Add(location.ToString());
            }
            else
            {
                pages.Add(new CrawledPage(path, status, html, from));
                if (html.Length == 0 || NotDescended.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                var document = parser.ParseDocument(html);
                next.AddRange(document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!));
            }

            foreach (var href in next)
            {
                if (LocalPath(href, path) is { } target && seenShapes.Add(ShapeOf(target)))
                {
                    queue.Enqueue((target, path));
                }
            }
        }

        return new CrawlResult(pages, dead, errors);
    }

    /// <summary>
    /// A link as a path on this site (<c>/org/units/…?x=1</c>), or null when it leads elsewhere
    /// (another host, <c>mailto:</c>, an anchor on the same page) or is the logout.
    /// </summary>
    public static string? LocalPath(string href, string currentPath)
    {
        href = WebUtility.HtmlDecode(href).Trim();
        if (href.Length == 0 || href.StartsWith('#'))
        {
            return null;
        }

        var baseUri = new Uri(new Uri("http://localhost"), currentPath);
        if (!Uri.TryCreate(baseUri, href, out var target) || target.Host != "localhost" || target.Scheme is not ("http" or "https"))
        {
            return null;
        }

        var path = target.PathAndQuery;
        return path.StartsWith("/Account/Logout", StringComparison.OrdinalIgnoreCase) ? null : path;
    }

    /// <summary>
    /// The route shape of a path: GUIDs become <c>{id}</c>, numbers <c>{n}</c>, and of the query
    /// only the parameter names count (sorted), so <c>/people?page=2</c> and <c>?page=3</c> are one shape.
    /// </summary>
    public static string ShapeOf(string pathAndQuery)
    {
        var question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? pathAndQuery : pathAndQuery[..question];
        var query = question < 0 ? "" : pathAndQuery[(question + 1)..];
        var hash = path.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            path = path[..hash];
        }

        var shape = NumberSegment().Replace(GuidPattern().Replace(path.ToLowerInvariant(), "{id}"), "/{n}");
        var keys = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=')[0].ToLowerInvariant())
            .Where(k => k.Length > 0)
            .Distinct()
            .Order(StringComparer.Ordinal);
        var keyList = string.Join("&", keys);
        return keyList.Length == 0 ? shape : shape + "?" + keyList;
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidPattern();

    [GeneratedRegex("/[0-9]+(?=/|$)")]
    private static partial Regex NumberSegment();
}
