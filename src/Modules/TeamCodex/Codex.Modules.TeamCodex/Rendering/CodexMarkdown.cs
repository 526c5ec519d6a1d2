using Ganss.Xss;
using Markdig;
using Markdig.Syntax;

namespace Codex.Modules.TeamCodex.Rendering;

/// <summary>
/// Turns a section's Markdown into HTML that is safe to put on a page: raw HTML in the Markdown is
/// shown as text, and the result is sanitised with a narrow allow-list, so no script, event
/// handler, style or javascript: URL ever reaches the browser.
/// </summary>
internal static class CodexMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseAutoLinks()
        .UseListExtras()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>Renders one section body; its headings start below the section title (h3), keeping the page outline intact.</summary>
    public static string ToSafeHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.Level = Math.Min(heading.Level + 2, 6);
        }

        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return Sanitizer.Sanitize(writer.ToString());
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "h3", "h4", "h5", "h6", "strong", "em", "del", "ins", "mark", "sub", "sup", "code", "pre",
                "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title", "start", "scope", "colspan", "rowspan" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
        };
        var sanitizer = new HtmlSanitizer(options);
        sanitizer.PostProcessNode += (_, e) =>
        {
            // Links leave Codex without handing it the referrer or the opener.
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        sanitizer.AllowedAttributes.Add("rel");
        return sanitizer;
    }
}
