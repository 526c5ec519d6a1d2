using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Codex.Testing;

namespace Codex.IntegrationTests.Fuzz;

/// <summary>A field of a rendered form: its name, the kind of control and the value a browser would send.</summary>
public sealed record FormField(string Name, string Type, string Value, bool Sent, IReadOnlyList<string> Options);

/// <summary>
/// One way to submit a form as rendered: where it posts (the form's action, or the pressed
/// button's <c>formaction</c>), the pressed button's name and value, and the fields.
/// </summary>
public sealed partial record PageForm(string Page, string Action, (string Name, string Value)? Button, IReadOnlyList<FormField> Fields)
{
    public const string TokenName = "__RequestVerificationToken";

    /// <summary>Which forms count as the same: the action's shape (ids replaced, the handler kept), the button and the field names.</summary>
    public string Key => $"{Ids().Replace(Action.ToLowerInvariant(), "{id}")} [{Button?.Name}={Button?.Value}] " +
        string.Join(",", Fields.Select(f => ListIndex().Replace(f.Name, "[n]")).Distinct().Order(StringComparer.Ordinal));

    /// <summary>The fields as a browser posts them: checked boxes only, the pressed button last.</summary>
    public List<KeyValuePair<string, string>> AsRendered() =>
        [.. Fields.Where(f => f.Sent).Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), .. ButtonField()];

    public IEnumerable<KeyValuePair<string, string>> ButtonField() =>
        Button is { } b ? [new KeyValuePair<string, string>(b.Name, b.Value)] : [];

    /// <summary>Every POST form of a page, once per submit button.</summary>
    public static IReadOnlyList<PageForm> AllOn(string html, string pagePath)
    {
        var document = new HtmlParser().ParseDocument(html);
        var forms = new List<PageForm>();
        foreach (var form in document.QuerySelectorAll("form").OfType<IHtmlFormElement>())
        {
            if (!string.Equals(form.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var action = form.GetAttribute("action") is { Length: > 0 } a ? a : pagePath;
            var fields = new List<FormField>();
            foreach (var element in form.Elements)
            {
                var name = element.GetAttribute("name");
                if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled"))
                {
                    continue;
                }

                switch (element)
                {
                    case IHtmlInputElement input when input.Type is "submit" or "button" or "image" or "reset":
                        break;
                    case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                        fields.Add(new FormField(name, input.Type, input.GetAttribute("value") ?? "on", input.HasAttribute("checked"), []));
                        break;
                    case IHtmlInputElement input:
                        fields.Add(new FormField(name, input.Type, input.GetAttribute("value") ?? "", input.Type != "file", []));
                        break;
                    case IHtmlTextAreaElement textArea:
                        fields.Add(new FormField(name, "textarea", textArea.TextContent, true, []));
                        break;
                    case IHtmlSelectElement select:
                        var options = select.Options.Select(o => o.GetAttribute("value") ?? o.TextContent).ToList();
                        var selected = select.Options.FirstOrDefault(o => o.HasAttribute("selected")) ?? select.Options.FirstOrDefault();
                        fields.Add(new FormField(name, "select", selected is null ? "" : selected.GetAttribute("value") ?? selected.TextContent, selected is not null, options));
                        break;
                }
            }

            var buttons = form.Elements
                .Where(e => e is IHtmlButtonElement { Type: "submit" } || e is IHtmlInputElement { Type: "submit" or "image" })
                .Select(e => (Action: e.GetAttribute("formaction") is { Length: > 0 } fa ? fa : action,
                    Button: e.GetAttribute("name") is { Length: > 0 } n ? (n, e.GetAttribute("value") ?? "") : ((string, string)?)null))
                .Distinct()
                .ToList();
            if (buttons.Count == 0)
            {
                buttons.Add((action, null));
            }

            foreach (var (target, button) in buttons)
            {
                if (SiteCrawler.LocalPath(target, pagePath) is { } local)
                {
                    forms.Add(new PageForm(pagePath, local, button, fields));
                }
            }
        }

        return forms;
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Ids();

    [GeneratedRegex(@"\[[0-9]+\]")]
    private static partial Regex ListIndex();
}
