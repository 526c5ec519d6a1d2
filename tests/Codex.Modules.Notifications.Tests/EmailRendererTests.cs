using Codex.Modules.Notifications.Templates;
using Codex.Modules.Notifications.Transport;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Codex.Modules.Notifications.Tests;

public sealed class EmailRendererTests
{
    private static readonly IStringLocalizer<NotificationsTexts> Texts = new StringLocalizer<NotificationsTexts>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));

    private static readonly EmailRenderer Renderer = new(Texts, new MailOptions { BaseUrl = "https://codex.example.org" });

    private static readonly Dictionary<string, string> Reminder = new()
    {
        ["CodexName"] = "Pflegeteam <Nord>",
        ["ClosesOn"] = "30.11.2026",
        ["ActionPath"] = "/codex/rounds/42",
    };

    [Fact]
    public void A_reminder_is_rendered_in_german_with_one_call_to_action_and_a_plain_text_part()
    {
        var mail = Renderer.Render("codex.review-reminder", Reminder, "Anna Schmidt", "de", []);

        Assert.Equal("Erinnerung: Ihre Rückmeldung zum Teamkodex „Pflegeteam <Nord>“", mail.Subject);
        Assert.StartsWith("Hallo Anna Schmidt,", mail.Text);
        Assert.Contains("Zur Review-Runde: https://codex.example.org/codex/rounds/42", mail.Text);
        Assert.Contains("href=\"https://codex.example.org/codex/rounds/42\"", mail.Html);
        Assert.Contains("<html lang=\"de\">", mail.Html);
    }

    [Fact]
    public void Values_are_html_encoded_so_data_cannot_inject_markup()
    {
        var mail = Renderer.Render("codex.review-reminder", Reminder, "<script>x</script>", "de", []);

        Assert.DoesNotContain("<Nord>", mail.Html);
        Assert.DoesNotContain("<script>", mail.Html);
        Assert.Contains("Pflegeteam &lt;Nord&gt;", mail.Html);
    }

    [Fact]
    public void An_english_speaking_recipient_gets_the_english_texts()
    {
        var mail = Renderer.Render("codex.review-reminder", Reminder, "Anna Schmidt", "en", []);

        Assert.Equal("Reminder: your response to the team codex “Pflegeteam <Nord>”", mail.Subject);
        Assert.StartsWith("Hello Anna Schmidt,", mail.Text);
    }

    [Fact]
    public void A_digest_lists_every_merged_reminder_with_its_link()
    {
        var items = new List<(string, IReadOnlyDictionary<string, string>)>
        {
            ("codex.review-reminder", Reminder),
            ("learning.step-due", new Dictionary<string, string> { ["StepTitle"] = "Tablet-Grundlagen", ["PathTitle"] = "Pflegedoku", ["DueOn"] = "1.12.2026", ["ActionPath"] = "/learning" }),
        };

        var mail = Renderer.Render("notifications.digest", new Dictionary<string, string>(), "Anna Schmidt", "de", items);

        Assert.Equal("Ihre Codex-Zusammenfassung: 2 Hinweise", mail.Subject);
        Assert.Contains("Bald fällig: „Tablet-Grundlagen“", mail.Text);
        Assert.Contains("https://codex.example.org/learning", mail.Html);
    }

    [Fact]
    public void The_round_outcome_reaches_english_speakers_in_english_and_every_sender_must_supply_both_wordings()
    {
        var data = new Dictionary<string, string>
        {
            ["CodexName"] = "Pflegeteam Nord",
            ["Outcome"] = "Der Kodex bleibt unverändert in Kraft.",
            ["OutcomeEn"] = "The codex stays in force unchanged.",
            ["ActionPath"] = "/codex/rounds/42",
        };

        Assert.Contains("Outcome: The codex stays in force unchanged.", Renderer.Render("codex.round-outcome", data, "Anna", "en", []).Text);
        Assert.Contains("Ergebnis: Der Kodex bleibt unverändert in Kraft.", Renderer.Render("codex.round-outcome", data, "Anna", "de", []).Text);
        Assert.Contains("OutcomeEn", EmailTemplates.Placeholders(Texts, "codex.round-outcome"));
    }

    [Fact]
    public void Every_template_has_its_three_texts_in_both_languages()
    {
        foreach (var key in EmailTemplates.Keys)
        {
            foreach (var language in new[] { "de", "en" })
            {
                var data = EmailTemplates.Placeholders(Texts, key).ToDictionary(p => p, p => "x");
                var mail = Renderer.Render(key, data, "Anna", language, []);
                Assert.DoesNotContain("Template.", mail.Subject + mail.Text);
            }
        }
    }
}
