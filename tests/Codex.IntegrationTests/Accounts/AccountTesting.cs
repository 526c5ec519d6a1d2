using System.Net;
using System.Text.RegularExpressions;
using Codex.IntegrationTests.Infrastructure;
using Codex.IntegrationTests.Notifications;
using Codex.Testing;
using MimeKit;

namespace Codex.IntegrationTests.Accounts;

/// <summary>What a person does with the mails and pages of sign-in: follow a link, set a password.</summary>
internal static partial class AccountTesting
{
    public const string StrongPassword = "Morgens erst Kaffee, dann Tourenplan";

    /// <summary>The app path of the first link to <paramref name="page"/> in the newest mail to the address.</summary>
    public static async Task<string> LinkInNewestMailAsync(this SmtpTestServer server, string address, string page, int count = 1)
    {
        var mails = await server.ArrivedAsync(address, count);
        var text = mails[^1].TextBody ?? "";
        var match = LinkPattern().Matches(text).FirstOrDefault(m => m.Groups["path"].Value.StartsWith(page, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No link to {page} in: {text}");
        return WebUtility.HtmlDecode(match.Groups["path"].Value);
    }

    public static IReadOnlyList<MimeMessage> MailsTo(this SmtpTestServer server, string address, string subjectPart) =>
        [.. server.MessagesTo(address).Where(m => (m.Subject ?? "").Contains(subjectPart, StringComparison.Ordinal))];

    /// <summary>Submits the page's own form (no action) with the given fields, as a browser would.</summary>
    public static async Task<HttpResponseMessage> SubmitPageFormAsync(this HttpClient client, string path, string action = "", params (string Name, string Value)[] fields)
    {
        var html = await client.GetStringAsync(path);
        return await client.PostAsync(action.Length == 0 ? path : action, HtmlForm.Submit(html, action, fields));
    }

    public static Task<HttpResponseMessage> SetPasswordAsync(this HttpClient client, string activationPath, string password) =>
        client.SubmitPageFormAsync(activationPath, "", ("Password", password), ("PasswordRepeat", password));

    /// <summary>Submits a form as a page showed it earlier: a second tab, or a link opened before it expired.</summary>
    public static Task<HttpResponseMessage> SetPasswordInStaleFormAsync(this HttpClient client, string activationPath, string staleHtml, string password) =>
        client.PostAsync(activationPath, HtmlForm.Submit(staleHtml, "", ("Password", password), ("PasswordRepeat", password)));

    /// <summary>The page's text as a person reads it (Razor encodes umlauts as entities).</summary>
    public static async Task<string> TextAsync(this HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    public static async Task<string> PageTextAsync(this HttpClient client, string path) =>
        WebUtility.HtmlDecode(await client.GetStringAsync(path));

    /// <summary>A person whose address reaches the test SMTP server, created by HR.</summary>
    public static async Task<(Guid PersonId, string Email)> NewPersonAsync(this HttpClient hr, string firstName = "Lena")
    {
        var recipient = await hr.NewRecipientAsync(firstName);
        return (recipient.PersonId, recipient.Address);
    }

    [GeneratedRegex("""https?://[^/\s]+(?<path>/[^\s"<>]*)""")]
    private static partial Regex LinkPattern();
}
