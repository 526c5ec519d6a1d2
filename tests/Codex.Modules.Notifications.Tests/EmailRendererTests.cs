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
        Assert.StartsWith("Hallo Anna Schmidt,", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Zur Review-Runde: https://codex.example.org/codex/rounds/42", mail.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"https://codex.example.org/codex/rounds/42\"", mail.Html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"de\">", mail.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_are_html_encoded_so_data_cannot_inject_markup()
    {
        var mail = Renderer.Render("codex.review-reminder", Reminder, "<script>x</script>", "de", []);

        Assert.DoesNotContain("<Nord>", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", mail.Html, StringComparison.Ordinal);
        Assert.Contains("Pflegeteam &lt;Nord&gt;", mail.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_english_speaking_recipient_gets_the_english_texts()
    {
        var mail = Renderer.Render("codex.review-reminder", Reminder, "Anna Schmidt", "en", []);

        Assert.Equal("Reminder: your response to the team codex “Pflegeteam <Nord>”", mail.Subject);
        Assert.StartsWith("Hello Anna Schmidt,", mail.Text, StringComparison.Ordinal);
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
        Assert.Contains("Bald fällig: „Tablet-Grundlagen“", mail.Text, StringComparison.Ordinal);
        Assert.Contains("https://codex.example.org/learning", mail.Html, StringComparison.Ordinal);
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

        Assert.Contains("Outcome: The codex stays in force unchanged.", Renderer.Render("codex.round-outcome", data, "Anna", "en", []).Text, StringComparison.Ordinal);
        Assert.Contains("Ergebnis: Der Kodex bleibt unverändert in Kraft.", Renderer.Render("codex.round-outcome", data, "Anna", "de", []).Text, StringComparison.Ordinal);
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
                Assert.DoesNotContain("Template.", mail.Subject + mail.Text, StringComparison.Ordinal);
            }
        }
    }

    private static readonly Dictionary<string, string> LearningReminder = new()
    {
        ["StepCount"] = "3",
        ["ActionPath"] = "/learning",
        ["Items"] = """
            [{"Kind":"Overdue","StepTitle":"Datenschutz","PathTitle":"Einarbeitung","DueOn":"2026-11-30","ActionPath":"/learning/enrolments/1"},
             {"Kind":"Due","StepTitle":"Merkblatt <lesen>","PathTitle":"Einarbeitung","DueOn":"2026-12-01","ActionPath":"/learning/enrolments/1"},
             {"Kind":"Due","StepTitle":"Videokonferenz","PathTitle":"Video","DueOn":"2026-12-24","ActionPath":"/learning/enrolments/2"}]
            """,
    };

    [Fact]
    public void The_learning_reminder_lists_every_step_with_its_due_date_in_the_recipients_format_and_one_call_to_action()
    {
        var german = Renderer.Render("learning.reminder", LearningReminder, "Anna Schmidt", "de", []);
        var english = Renderer.Render("learning.reminder", LearningReminder, "Anna Schmidt", "en", []);

        Assert.Equal("Ihre offenen Lernschritte (3)", german.Subject);
        Assert.Contains("- „Datenschutz“ im Lernpfad „Einarbeitung“: überfällig, war am 30.11.2026 fällig", german.Text, StringComparison.Ordinal);
        Assert.Contains("- „Merkblatt <lesen>“ im Lernpfad „Einarbeitung“: fällig am 01.12.2026", german.Text, StringComparison.Ordinal);
        Assert.Contains("- „Videokonferenz“ im Lernpfad „Video“: fällig am 24.12.2026", german.Text, StringComparison.Ordinal);
        Assert.Contains("  https://codex.example.org/learning/enrolments/2", german.Text, StringComparison.Ordinal);
        Assert.Contains("Zu meinem Lernen: https://codex.example.org/learning", german.Text, StringComparison.Ordinal);
        Assert.Contains("Merkblatt &lt;lesen&gt;", german.Html, StringComparison.Ordinal);
        Assert.Equal(3, german.Html.Split("<li>").Length - 1);

        Assert.Equal("Your open learning steps (3)", english.Subject);
        Assert.Contains("- “Datenschutz” of the learning path “Einarbeitung”: overdue, was due on 30/11/2026", english.Text, StringComparison.Ordinal);
        Assert.Contains("- “Videokonferenz” of the learning path “Video”: due on 24/12/2026", english.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_instant_in_the_data_is_shown_on_the_organisations_clock_and_other_values_stay_as_they_are()
    {
        var data = new Dictionary<string, string> { ["At"] = "2026-12-01T22:30:00.0000000+00:00", ["Date"] = "2026-12-01", ["Text"] = "15.12.2026", ["Code"] = "2026-13-45" };

        using (new EmailTemplates.UiCulture(System.Globalization.CultureInfo.GetCultureInfo("de-DE")))
        {
            Assert.Equal("01.12.2026 23:30 · 01.12.2026 · 15.12.2026 · 2026-13-45", EmailTemplates.Fill("{At} · {Date} · {Text} · {Code}", data));
        }

        using (new EmailTemplates.UiCulture(System.Globalization.CultureInfo.GetCultureInfo("en-GB")))
        {
            Assert.Equal("01/12/2026 23:30 · 01/12/2026", EmailTemplates.Fill("{At} · {Date}", data));
        }
    }
}
