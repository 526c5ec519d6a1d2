using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Codex.Modules.Notifications.Domain;
using Codex.Modules.Notifications.Transport;
using Codex.Shared.Time;
using Microsoft.Extensions.Localization;
using MimeKit;

namespace Codex.Modules.Notifications.Templates;

/// <summary>
/// The mails Codex can send. Each key has three texts in the module's resources (German and
/// English): `Template.{key}.Subject`, `.Body` and `.Action`, with `{Placeholder}`s filled from the
/// mail's data. "ActionPath" in the data is the app path the call to action opens.
/// </summary>
internal static partial class EmailTemplates
{
    public const string ActionPath = "ActionPath";

    /// <summary>
    /// Data key of a list in the mail: a JSON array of objects with string values. Each item is one
    /// line, `Template.{key}.Item.{Kind}` (or `.Item`) filled from the item; an item's "ActionPath" makes it a link.
    /// </summary>
    public const string Items = "Items";

    /// <summary>One mail per person and run, listing all their due and overdue learning steps.</summary>
    public const string LearningReminder = "learning.reminder";

    public static readonly IReadOnlyList<string> Keys =
    [
        "notifications.test",
        EmailMessage.DigestTemplate,
        "codex.round-invitation",
        "codex.review-reminder",
        "codex.acknowledge-reminder",
        "codex.round-outcome",
        LearningReminder,
        "learning.step-due",
        "learning.step-overdue",
        "learning.overdue-escalation",
        "account.invitation",
        "account.password-reset",
    ];

    public static bool Exists(string key) => Keys.Contains(key);

    // The texts are compiled-in resources: each template's placeholders are read once, not per queued mail.
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> PlaceholdersByKey = new();

    /// <summary>The placeholders a template's texts use in either language; the data must supply each.</summary>
    public static IReadOnlyList<string> Placeholders(IStringLocalizer texts, string key) =>
        PlaceholdersByKey.GetOrAdd(key, k => ReadPlaceholders(texts, k));

    private static IReadOnlyList<string> ReadPlaceholders(IStringLocalizer texts, string key) =>
        new[] { "de-DE", "en-GB" }.SelectMany(language =>
            {
                using var _ = new UiCulture(CultureInfo.GetCultureInfo(language));
                return new[] { "Subject", "Body", "Action" }
                    .SelectMany(part => PlaceholderPattern().Matches(texts[$"Template.{key}.{part}"].Value).Select(m => m.Groups[1].Value))
                    .ToList();
            })
            .Distinct()
            .ToList();

    /// <summary>
    /// Fills the placeholders. A value that is an ISO date ("2026-12-01") or an ISO instant
    /// ("2026-12-01T14:30:00+00:00") is shown in the current (the recipient's) culture, an instant on
    /// the organisation's clock: a mail never shows server time.
    /// </summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> data) =>
        PlaceholderPattern().Replace(text, m => data.TryGetValue(m.Groups[1].Value, out var value) ? Shown(value) : "");

    private static string Shown(string value)
    {
        if (value.Length == 10 && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date.Shown();
        }

        if (value.Length >= 20 && value[10] == 'T' && char.IsAsciiDigit(value[0])
            && DateTimeOffset.TryParseExact(value, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            return at.LocalDateTime();
        }

        return value;
    }

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex PlaceholderPattern();

    /// <summary>Switches the UI culture for rendering one recipient's mail, and back.</summary>
    internal readonly struct UiCulture : IDisposable
    {
        private readonly CultureInfo _previous;
        private readonly CultureInfo _previousFormat;

        public UiCulture(CultureInfo culture)
        {
            _previous = CultureInfo.CurrentUICulture;
            _previousFormat = CultureInfo.CurrentCulture;
            CultureInfo.CurrentUICulture = culture;
            CultureInfo.CurrentCulture = culture;
        }

        public void Dispose()
        {
            CultureInfo.CurrentUICulture = _previous;
            CultureInfo.CurrentCulture = _previousFormat;
        }
    }
}

/// <summary>One item of a digest or of a mail's list: what it says, and where it leads (if anywhere).</summary>
internal sealed record DigestItem(string Subject, string? Url);

internal sealed record RenderedEmail(string Subject, string Text, string Html);

/// <summary>Turns a queued mail into subject, plain text and HTML in the recipient's language.</summary>
internal sealed class EmailRenderer(IStringLocalizer<NotificationsTexts> texts, MailOptions options)
{
    public RenderedEmail Render(
        string templateKey, IReadOnlyDictionary<string, string> data, string recipientName, string language, IReadOnlyList<(string TemplateKey, IReadOnlyDictionary<string, string> Data)> digestItems)
    {
        using var _ = new EmailTemplates.UiCulture(CultureInfo.GetCultureInfo(language == "en" ? "en-GB" : "de-DE"));
        var items = digestItems
            .Select(i => new DigestItem(
                EmailTemplates.Fill(texts[$"Template.{i.TemplateKey}.Subject"], i.Data),
                Link(i.Data)))
            .ToList();
        items.AddRange(ListItems(templateKey, data));
        var values = new Dictionary<string, string>(data) { ["Count"] = items.Count.ToString(CultureInfo.CurrentCulture) };

        var subject = EmailTemplates.Fill(texts[$"Template.{templateKey}.Subject"], values);
        var body = EmailTemplates.Fill(texts[$"Template.{templateKey}.Body"], values);
        var action = EmailTemplates.Fill(texts[$"Template.{templateKey}.Action"], values);
        var url = Link(data);
        var greeting = texts["Mail.Greeting", recipientName].Value;
        var footer = texts["Mail.Footer"].Value;
        var preferencesLabel = texts["Mail.PreferencesLink"].Value;
        var preferencesUrl = options.BaseUrl + "/me/notifications";

        var text = new StringBuilder()
            .AppendLine(greeting).AppendLine()
            .AppendLine(body).AppendLine();
        foreach (var item in items)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {item.Subject}");
            if (item.Url is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {item.Url}");
            }
        }

        if (items.Count > 0)
        {
            text.AppendLine();
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"{action}: {url}").AppendLine()
            .AppendLine("-- ")
            .AppendLine(footer)
            .AppendLine(CultureInfo.InvariantCulture, $"{preferencesLabel}: {preferencesUrl}");

        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(language).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(subject)).Append("</title></head>")
            .Append("<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1b1f24;background:#ffffff;margin:0;padding:16px\">")
            .Append("<p>").Append(Encode(greeting)).Append("</p>")
            .Append("<p>").Append(Encode(body)).Append("</p>");
        if (items.Count > 0)
        {
            html.Append("<ul>");
            foreach (var item in items)
            {
                html.Append(item.Url is null
                    ? "<li>" + Encode(item.Subject) + "</li>"
                    : "<li><a href=\"" + Encode(item.Url) + "\" style=\"color:#0b5394\">" + Encode(item.Subject) + "</a></li>");
            }

            html.Append("</ul>");
        }

        html.Append("<p><a href=\"").Append(Encode(url))
            .Append("\" style=\"display:inline-block;background:#0b5394;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none;font-weight:bold\">")
            .Append(Encode(action)).Append("</a></p>")
            .Append("<hr style=\"border:0;border-top:1px solid #c5ccd6\">")
            .Append("<p style=\"font-size:14px;color:#4a5360\">").Append(Encode(footer)).Append(" <a href=\"").Append(Encode(preferencesUrl))
            .Append("\" style=\"color:#0b5394\">").Append(Encode(preferencesLabel)).Append("</a></p>")
            .Append("</body></html>");

        return new RenderedEmail(subject, text.ToString(), html.ToString());
    }

    public MimeMessage ToMime(EmailMessage message)
    {
        var mime = new MimeMessage
        {
            MessageId = message.MessageId,
            Subject = message.Subject ?? "",
            Date = message.CreatedAt,
        };
        mime.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        mime.To.Add(MailboxAddress.Parse(message.RecipientAddress ?? throw new InvalidOperationException("Render the mail first.")));
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }

    /// <summary>The lines of the mail's own list (<see cref="EmailTemplates.Items"/>), in the current culture.</summary>
    private IEnumerable<DigestItem> ListItems(string templateKey, IReadOnlyDictionary<string, string> data)
    {
        if (!data.TryGetValue(EmailTemplates.Items, out var json) || string.IsNullOrWhiteSpace(json))
        {
            yield break;
        }

        List<Dictionary<string, string>>? list;
        try
        {
            list = JsonSerializer.Deserialize<List<Dictionary<string, string>>>(json);
        }
        catch (JsonException)
        {
            yield break;
        }

        foreach (var item in list ?? [])
        {
            var line = item.TryGetValue("Kind", out var kind) && texts[$"Template.{templateKey}.Item.{kind}"] is { ResourceNotFound: false } specific
                ? specific.Value
                : texts[$"Template.{templateKey}.Item"].Value;
            yield return new DigestItem(EmailTemplates.Fill(line, item), item.ContainsKey(EmailTemplates.ActionPath) ? Link(item) : null);
        }
    }

    private string Link(IReadOnlyDictionary<string, string> data) =>
        options.BaseUrl + (data.TryGetValue(EmailTemplates.ActionPath, out var path) && path.StartsWith('/') ? path : "/");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
