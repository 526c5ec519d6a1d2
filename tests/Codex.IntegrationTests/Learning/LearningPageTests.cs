using System.Net;
using System.Text.RegularExpressions;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;

namespace Codex.IntegrationTests.Learning;

/// <summary>The learning pages send the same commands as the API: forms, messages at the fields, 409 as a message, no 500.</summary>
public abstract partial class LearningPageTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    [Theory]
    [InlineData("/learning", "Mein Lernen")]
    [InlineData("/learning/print", "Mein Lernen – Übersicht")]
    [InlineData("/learning/sign-offs", "Bestätigungen")]
    public async Task The_member_pages_show_their_heading(string address, string heading)
    {
        var html = WebUtility.HtmlDecode(await (await MemberAsync()).GetStringAsync(address));

        Assert.Contains($"<h1>{heading}</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mein_Lernen_shows_progress_bars_with_their_text_and_the_next_step()
    {
        var html = WebUtility.HtmlDecode(await (await MemberAsync()).GetStringAsync("/learning"));

        Assert.Matches(new Regex("<progress max=\"100\" value=\"\\d+\" aria-labelledby=\"progress-[0-9a-f-]+\"></progress>"), html);
        Assert.Matches(new Regex("\\d von \\d Schritten erledigt \\(\\d+ %\\)"), html);
        Assert.Contains("Nächster Schritt", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/learning/paths")]
    [InlineData("/learning/paths/edit")]
    [InlineData("/learning/dashboard")]
    public async Task Members_do_not_reach_the_HR_pages(string address)
    {
        var response = await (await MemberAsync()).GetAsync(address);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.True((int)response.StatusCode < 500);
    }

    [Fact]
    public async Task HR_creates_a_path_in_the_form_and_a_bad_step_shows_messages_at_the_fields()
    {
        var hr = await HumanResourcesAsync();
        var form = await hr.GetStringAsync("/learning/paths/edit");

        var empty = await hr.PostAsync("/learning/paths/edit", HtmlForm.Submit(form, "", ("Data.Title", "")));
        var emptyHtml = WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Bitte die markierten Angaben korrigieren.", emptyHtml, StringComparison.Ordinal);
        Assert.Matches(new Regex("id=\"Data_Title\"[^>]*aria-invalid=\"true\"|aria-invalid=\"true\"[^>]*id=\"Data_Title\""), emptyHtml);

        var created = await hr.PostAsync("/learning/paths/edit", HtmlForm.Submit(form, "", ("Data.Title", "Dienstplan-App sicher nutzen"), ("Data.RecurrenceMonths", "")));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var address = created.Headers.Location!.ToString();
        Assert.Matches("^/learning/paths/edit/[0-9a-f-]{36}$", address);

        var page = await hr.GetStringAsync(address);
        var stepAction = WebUtility.HtmlDecode(StepAction().Match(page).Groups[1].Value);
        Assert.Contains("handler=Step", stepAction, StringComparison.Ordinal);
        var workshop = await hr.PostAsync(stepAction, HtmlForm.Submit(page, stepAction,
            ("StepData.Title", "Workshop ohne Ort"), ("StepData.Kind", "Workshop"), ("StepData.EffortMinutes", "90")));
        var workshopHtml = WebUtility.HtmlDecode(await workshop.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, workshop.StatusCode);
        Assert.Contains("id=\"StepData_Place-error\"", workshopHtml, StringComparison.Ordinal);
        Assert.Contains("Workshop ohne Ort", workshopHtml, StringComparison.Ordinal); // the input stays

        var added = await hr.PostAsync(stepAction, HtmlForm.Submit(page, stepAction,
            ("StepData.Title", "Tauschwunsch stellen"), ("StepData.Kind", "PracticeTask"), ("StepData.EffortMinutes", "20")));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("Tauschwunsch stellen", WebUtility.HtmlDecode(await hr.GetStringAsync(address)), StringComparison.Ordinal);

        // The same (now outdated) page posted again: refused with a message, nothing overwritten.
        var stale = await hr.PostAsync(stepAction, HtmlForm.Submit(page, stepAction,
            ("StepData.Title", "Veraltet"), ("StepData.Kind", "Reading"), ("StepData.EffortMinutes", "5")));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Jemand anderes hat inzwischen gespeichert.", WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.DoesNotContain("Veraltet", await hr.GetStringAsync(address), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_path_form_comes_back_with_exactly_what_was_entered_beside_the_stored_state_and_saves_on_the_next_try()
    {
        var hr = await HumanResourcesAsync();
        var created = await hr.PostAsync("/learning/paths/edit", HtmlForm.Submit(await hr.GetStringAsync("/learning/paths/edit"), "", ("Data.Title", "Pfad vorher")));
        var address = created.Headers.Location!.ToString();
        var mine = await hr.GetStringAsync(address);
        var colleague = await hr.PostAsync(address, HtmlForm.Submit(await hr.GetStringAsync(address), "", ("Data.Title", "Pfad der Kollegin"), ("Data.Description", "Ihre Beschreibung")));
        Assert.Equal(HttpStatusCode.Redirect, colleague.StatusCode);

        var stale = await hr.PostAsync(address, HtmlForm.Submit(mine, "", ("Data.Title", "Mein Titel"), ("Data.Description", "Meine Beschreibung"), ("Data.RecurrenceMonths", "12")));
        var html = WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Jemand anderes hat inzwischen gespeichert.", html, StringComparison.Ordinal);
        Assert.Matches(new Regex("<input(?=[^>]*id=\"Data_Title\")(?=[^>]*value=\"Mein Titel\")"), html);
        Assert.Contains("Meine Beschreibung</textarea>", html, StringComparison.Ordinal);
        Assert.Contains("Der aktuelle gespeicherte Stand", html, StringComparison.Ordinal);
        Assert.Contains("<dd>Pfad der Kollegin</dd>", html, StringComparison.Ordinal);
        Assert.Contains("Ihre Beschreibung</dd>", html, StringComparison.Ordinal);

        // The form that came back is based on the stored version: saving it again keeps the user's text.
        var again = await hr.PostAsync(address, HtmlForm.Submit(html, "", ("Data.Title", "Mein Titel"), ("Data.Description", "Meine Beschreibung"), ("Data.RecurrenceMonths", "12")));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var saved = WebUtility.HtmlDecode(await hr.GetStringAsync(address));
        Assert.Matches(new Regex("<input(?=[^>]*id=\"Data_Title\")(?=[^>]*value=\"Mein Titel\")"), saved);
        Assert.Contains("Meine Beschreibung</textarea>", saved, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_and_the_path_list_render_for_HR()
    {
        var hr = await HumanResourcesAsync();

        var dashboard = WebUtility.HtmlDecode(await hr.GetStringAsync("/learning/dashboard"));
        var list = WebUtility.HtmlDecode(await hr.GetStringAsync("/learning/paths?search=Messenger&p=99999999"));

        Assert.Contains("<caption>Messenger datenschutzkonform nutzen: Abschluss nach Rolle</caption>", dashboard, StringComparison.Ordinal);
        Assert.True(list.Contains("Keine Lernpfade gefunden.", StringComparison.Ordinal), list[list.IndexOf("<main", StringComparison.Ordinal)..]);
    }

    [GeneratedRegex("action=\"([^\"]*handler=Step[^\"]*)\"")]
    private static partial Regex StepAction();
}

[Collection(IntegrationCollection.Name)]
public sealed class LearningPageTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : LearningPageTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class LearningPageTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : LearningPageTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
