using System.Diagnostics;
using System.Text.RegularExpressions;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;
using Codex.Testing;
using Xunit.Abstractions;

namespace Codex.IntegrationTests.Fuzz;

/// <summary>
/// Each role clicks through every page reachable from <c>/</c> (one page per route shape) and
/// submits every form it finds — with its antiforgery token, as rendered and with hostile
/// variants: fields missing, huge, with control characters, non-boolean checkboxes, non-numbers
/// in number fields, unknown ids in hidden id fields, stale versions. No page, link or form may
/// answer 5xx, and no same-origin link may lead to a 404 (a dead end).
/// The host is this class's own: the forms really change its data.
/// </summary>
public abstract partial class FormFuzzTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host, ITestOutputHelper output)
    : HostTest(provider, postgres, host)
{
    private static readonly string Huge = new('x', 200_000);
    private const string ControlCharacters = "Fuzz\u0000\u0001\u001b[31m\u007f";
    private const string UnknownId = "0f0f0f0f-0000-4000-8000-00000000f024";

    protected override void ConfigureHost(CodexApplicationFactory factory) =>
        // The sign-in forms are fuzzed too; the limiter would answer 429 before they are reached.
        factory.Settings["Security:SignInAttemptsPerMinute"] = "100000";

    [Fact]
    public async Task No_page_link_or_form_answers_a_server_error_or_leads_nowhere_for_any_role()
    {
        var clock = Stopwatch.StartNew();
        // Sign in first: fuzzing the anonymous forms must not spoil the sign-ins.
        var roles = new List<(string Name, HttpClient Client)>
        {
            ("anonymous", Factory.CreateAnonymousClient()),
            ("member", await MemberAsync()),
            ("team lead", await TeamLeadAsync()),
            ("HR", await HumanResourcesAsync()),
            ("admin", await AdminAsync()),
        };
        var log = ErrorLog.Attach(Factory);

        // Every role's crawl before any form is sent: the links as the demo has them.
        var crawls = new Dictionary<string, CrawlResult>();
        var deadLinks = new List<(string Role, DeadLink Link)>();
        var failures = new List<string>();
        foreach (var (role, client) in roles)
        {
            log.Drain();
            var crawl = await SiteCrawler.CrawlAsync(client);
            crawls[role] = crawl;
            deadLinks.AddRange(crawl.DeadLinks.Select(d => (role, d)));
            failures.AddRange(crawl.ServerErrors.Select(d => $"{role,-9} | GET {d.Path} | linked from {d.LinkedFrom} | {d.Status}"));
            if (crawl.ServerErrors.Count > 0)
            {
                failures.Add("      " + string.Join("\n      ", log.Drain().Distinct()));
            }

            output.WriteLine($"{role}: {crawl.Pages.Count} pages, {crawl.DeadLinks.Count} dead links");
        }

        Assert.True(crawls["admin"].Pages.Count >= 15, $"The admin's crawl reached only {crawls["admin"].Pages.Count} pages: {string.Join(", ", crawls["admin"].Pages.Select(p => p.Path))}");

        output.WriteLine($"crawls done after {clock.Elapsed.TotalSeconds:F1} s");
        var timeByVariant = new Dictionary<string, double>();
        var sent = 0;
        foreach (var (role, client) in roles)
        {
            var forms = crawls[role].Pages
                .SelectMany(p => PageForm.AllOn(p.Html, p.Path))
                .DistinctBy(f => f.Key)
                .ToList();
            foreach (var form in forms)
            {
                foreach (var (what, fields) in Variants(form))
                {
                    sent++;
                    log.Drain();
                    var started = clock.Elapsed;
                    var (status, thrown) = await PostAsync(client, form.Action, fields);
                    var kind = what.Contains(" an unknown id", StringComparison.Ordinal) || what.Contains(" not an id", StringComparison.Ordinal) ? "ids" : what;
                    timeByVariant[kind] = timeByVariant.GetValueOrDefault(kind) + (clock.Elapsed - started).TotalSeconds;
                    if (status >= 500)
                    {
                        var errors = thrown is null ? log.Drain() : [thrown, .. log.Drain()];
                        failures.Add($"{role,-9} | POST {Excerpt(form.Action, 100)} (form on {Excerpt(form.Page, 80)}{(form.Button is { } b ? $", button {b.Name}={b.Value}" : "")}) | {what} | {status}" +
                            (errors.Count > 0 ? $"\n      {string.Join("\n      ", errors.Distinct())}" : ""));
                    }
                }
            }

            output.WriteLine($"{role}: {forms.Count} distinct forms");
        }

        foreach (var (kind, seconds) in timeByVariant.OrderByDescending(t => t.Value))
        {
            output.WriteLine($"  {seconds,6:F1} s  {kind}");
        }

        output.WriteLine($"{sent} form submissions in {clock.Elapsed.TotalSeconds:F1} s");
        var findings = new List<string>();
        if (failures.Count > 0)
        {
            findings.Add($"{failures.Count(f => !f.StartsWith(' '))} server errors (role | request | variant | status):\n" + string.Join("\n", failures));
        }

        var deadEnds = deadLinks
            .GroupBy(d => (d.Link.Path, d.Link.Status))
            .Select(g => $"GET {g.Key.Path} | {g.Key.Status} | linked from {string.Join(", ", g.Select(d => d.Link.LinkedFrom).Distinct())} | for {string.Join(", ", g.Select(d => d.Role).Distinct())}")
            .ToList();
        if (deadEnds.Count > 0)
        {
            findings.Add($"{deadEnds.Count} links that lead nowhere (link | status | found on | roles):\n" + string.Join("\n", deadEnds));
        }

        Assert.True(findings.Count == 0, string.Join("\n\n", findings));
    }

    private static async Task<(int Status, string? Thrown)> PostAsync(HttpClient client, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.ParseAdd("text/html");
        try
        {
            using var response = await client.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            return ((int)response.StatusCode, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (500, $"thrown to the client: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>The submissions of one form: as rendered, then each hostile variant.</summary>
    private static IEnumerable<(string What, List<KeyValuePair<string, string>> Fields)> Variants(PageForm form)
    {
        var rendered = form.AsRendered();
        yield return ("as rendered", rendered);

        var token = rendered.Where(f => f.Key == PageForm.TokenName).ToList();
        yield return ("every field missing but the antiforgery token", [.. token, .. form.ButtonField()]);

        List<KeyValuePair<string, string>> With(Func<FormField, bool> which, Func<FormField, string> value, bool sendUnsent = false) =>
        [
            .. form.Fields
                .Where(f => f.Sent || (sendUnsent && which(f)))
                .Select(f => new KeyValuePair<string, string>(f.Name, f.Name != PageForm.TokenName && which(f) ? value(f) : f.Value)),
            .. form.ButtonField(),
        ];

        var texts = form.Fields.Where(IsText).ToList();
        if (texts.Count > 0)
        {
            yield return ("every text field huge (200 000 characters)", With(IsText, _ => Huge));
            yield return ("every text field with control characters (NUL, ESC, DEL)", With(IsText, _ => ControlCharacters));
            yield return ("every text field blank", With(IsText, _ => "   "));
        }

        if (form.Fields.Any(f => f.Type == "checkbox"))
        {
            yield return ("every checkbox with a non-boolean value", With(f => f.Type == "checkbox", _ => "vielleicht", sendUnsent: true));
        }

        if (form.Fields.Any(IsNumberLike))
        {
            yield return ("every number or date field not a number or date", With(IsNumberLike, _ => "zwei"));
            yield return ("every number field beyond int", With(IsNumberLike, _ => "99999999999999999999"));
        }

        if (form.Fields.Any(f => f.Type == "select"))
        {
            yield return ("every choice one the list does not offer", With(f => f.Type == "select", _ => "Fuzz"));
        }

        // Hidden ids and versions one by one: a refusal of one must not hide a crash behind another.
        // Of a list's fields (Data[0].PersonId, Data[1].PersonId, …) the first stands for all.
        foreach (var field in form.Fields.Where(f => f.Sent && f.Name != PageForm.TokenName).DistinctBy(f => ListIndex().Replace(f.Name, "[n]")))
        {
            if (Guid.TryParse(field.Value, out _))
            {
                yield return ($"{field.Name} an unknown id", With(f => f == field, _ => UnknownId));
                yield return ($"{field.Name} not an id", With(f => f == field, _ => "kein-id"));
            }

            if (IsVersion(field))
            {
                yield return ($"{field.Name} stale", With(f => f == field, f => Stale(f.Value)));
            }
        }
    }

    private static bool IsText(FormField field) =>
        field.Type is "text" or "textarea" or "email" or "search" or "url" or "tel" or "password" or "";

    private static bool IsNumberLike(FormField field) =>
        field.Type is "number" or "date" or "datetime-local" or "time" or "month" or "week" or "range";

    private static bool IsVersion(FormField field) =>
        field.Name != PageForm.TokenName && VersionName().IsMatch(field.Name);

    private static string Stale(string value) =>
        long.TryParse(value, out var number) ? (number - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : Guid.TryParse(value, out _) ? UnknownId
        : value.Length > 0 ? value[..^1] + (value[^1] == 'A' ? "B" : "A")
        : "0";

    private static string Excerpt(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    [GeneratedRegex(@"\[[0-9]+\]")]
    private static partial Regex ListIndex();

    [GeneratedRegex("version|concurrency|stamp|etag|rowversion|token", RegexOptions.IgnoreCase)]
    private static partial Regex VersionName();
}

[Collection(IntegrationCollection.Name)]
public sealed class FormFuzzTestsOnSqlite(PostgresFixture postgres, SharedHost host, ITestOutputHelper output)
    : FormFuzzTests(DatabaseProvider.Sqlite, postgres, host, output), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class FormFuzzTestsOnPostgreSql(PostgresFixture postgres, SharedHost host, ITestOutputHelper output)
    : FormFuzzTests(DatabaseProvider.PostgreSql, postgres, host, output), IClassFixture<SharedHost>;
