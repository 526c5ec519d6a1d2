using System.Net;
using System.Text.RegularExpressions;

namespace Codex.IntegrationTests.Infrastructure;

/// <summary>A form as the page renders it: what a browser would post when it is submitted.</summary>
public static partial class HtmlForm
{
    /// <summary>
    /// The hidden fields of the first form on <paramref name="html"/> that posts to <paramref name="action"/>
    /// ("" for a form without an action, which posts back to its page),
    /// plus <paramref name="extra"/> (e.g. the value of the button that was pressed).
    /// </summary>
    public static FormUrlEncodedContent Submit(string html, string action, params (string Name, string Value)[] extra)
    {
        var form = FormPattern().Matches(html).FirstOrDefault(m => ActionOf(m.Groups["attributes"].Value) == action)
            ?? throw new InvalidOperationException($"No form posting to {action} on the page.");
        var fields = HiddenInputPattern().Matches(form.Groups["body"].Value)
            .Select(m => (Name: WebUtility.HtmlDecode(m.Groups["name"].Value), Value: WebUtility.HtmlDecode(m.Groups["value"].Value)))
            .Concat(extra)
            .Select(f => new KeyValuePair<string, string>(f.Name, f.Value));
        return new FormUrlEncodedContent(fields);
    }

    private static string ActionOf(string attributes) =>
        ActionPattern().Match(attributes) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups["action"].Value) : "";

    [GeneratedRegex("""<form(?<attributes>\s[^>]*)?>(?<body>.*?)</form>""", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("""\saction="(?<action>[^"]*)""")]
    private static partial Regex ActionPattern();

    [GeneratedRegex("""<input(?=[^>]*type="hidden")(?=[^>]*name="(?<name>[^"]*)")(?=[^>]*value="(?<value>[^"]*)")[^>]*>""")]
    private static partial Regex HiddenInputPattern();
}
