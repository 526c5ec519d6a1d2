using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;
using Codex.Testing;

namespace Codex.IntegrationTests.Privacy;

/// <summary>
/// "Verarbeitungsübersicht": every signed-in person reads, per module, what Codex stores, for what, who sees it and how
/// long — with the privacy rules and retention periods in force now, not the defaults written somewhere.
/// </summary>
public abstract partial class ProcessingOverviewTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    /// <summary>Periods other than the defaults (180 days for the mail log, 1095 for evidence), so the page must read them.</summary>
    protected override void ConfigureHost(CodexApplicationFactory factory)
    {
        factory.Settings["Retention:MailLogDays"] = "90";
        factory.Settings["Retention:LearningEvidenceDays"] = "0";
    }

    [Fact]
    public async Task A_member_reads_every_module_with_the_configured_periods_and_the_privacy_rules_in_force()
    {
        var member = await MemberAsync();
        var rules = await (await AdminAsync()).GetOkAsync<PrivacyDto>("/api/skills/privacy");

        var response = await member.GetAsync("/privacy/processing");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<h1>Verarbeitungsübersicht</h1>", html, StringComparison.Ordinal);
        string[] modules = ["Organization", "Identity", "Skills", "Learning", "TeamCodex", "Notifications"];
        Assert.Equal(modules, ModuleAttribute().Matches(html).Select(m => m.Groups[1].Value).ToArray());
        foreach (var title in new[] { "Personen und Organisation", "Anmeldekonto und Sitzungen", "Kompetenzen", "Lernen", "Team-Kodex", "Benachrichtigungen (E-Mail)" })
        {
            Assert.Contains($">{title}</h2>", html, StringComparison.Ordinal);
        }

        foreach (var module in modules)
        {
            var section = Section(html, module);
            foreach (var heading in new[] { "Welche Daten", "Wofür", "Wer sieht was", "Wie lange" })
            {
                Assert.Contains($"<dt>{heading}</dt>", section, StringComparison.Ordinal);
            }
        }

        Assert.Matches(@"Stand: \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}", html);
        Assert.Contains($"id=\"processing-minimum-group-size\">{rules.MinimumGroupSize} Personen</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"Gruppen von mindestens {rules.MinimumGroupSize} Personen", Section(html, "Skills"), StringComparison.Ordinal);
        Assert.Contains($"Gruppen von mindestens {rules.MinimumGroupSize} Personen", Section(html, "Learning"), StringComparison.Ordinal);
        Assert.Contains("Protokoll erledigter Mails (versandt, zusammengefasst, fehlgeschlagen, abgebrochen): 90 Tage ab dem Einreihen", Section(html, "Notifications"), StringComparison.Ordinal);
        Assert.Contains("Nachweise: bis zur Löschung der Person (keine Frist eingestellt).", Section(html, "Learning"), StringComparison.Ordinal);
        // Not configured here: the default audit period of 730 days.
        Assert.Contains("Änderungs- und Einsichtsprotokoll: 730 Tage, dann gelöscht.", Section(html, "Skills"), StringComparison.Ordinal);
        Assert.Contains("Einsichtsprotokoll: 730 Tage, dann gelöscht.", Section(html, "Learning"), StringComparison.Ordinal);
        Assert.Contains("Sitzungen: enden spätestens 12 Stunden nach der Anmeldung", Section(html, "Identity"), StringComparison.Ordinal);
        Assert.Contains("Datenschutz (nur lesen)", Section(html, "Skills"), StringComparison.Ordinal);
        Assert.Contains("keine E-Mail-Adressen", Section(html, "Organization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_an_admin_changes_the_skills_privacy_rules_the_overview_shows_the_new_ones_at_once()
    {
        var admin = await AdminAsync();
        var member = await MemberAsync();
        var before = await admin.GetOkAsync<PrivacyDto>("/api/skills/privacy");
        var html = WebUtility.HtmlDecode(await member.GetStringAsync("/privacy/processing"));
        Assert.False(before.IndividualProficiencyVisibleToLeads);
        Assert.Contains("id=\"processing-individual-levels\">nein", html, StringComparison.Ordinal);
        Assert.Contains("Leitungen sehen einzelne Kompetenzstufen: nein", Section(html, "Skills"), StringComparison.Ordinal);

        var changed = before.MinimumGroupSize + 2;
        try
        {
            (await admin.PutAsJsonAsync("/api/skills/privacy", new { minimumGroupSize = changed, individualProficiencyVisibleToLeads = true, before.Version }))
                .EnsureSuccessStatusCode();

            html = WebUtility.HtmlDecode(await member.GetStringAsync("/privacy/processing"));
        }
        finally
        {
            var current = await admin.GetOkAsync<PrivacyDto>("/api/skills/privacy");
            (await admin.PutAsJsonAsync("/api/skills/privacy", new { before.MinimumGroupSize, before.IndividualProficiencyVisibleToLeads, current.Version }))
                .EnsureSuccessStatusCode();
        }

        Assert.Contains($"id=\"processing-minimum-group-size\">{changed} Personen</dd>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"processing-individual-levels\">ja", html, StringComparison.Ordinal);
        Assert.Contains("Leitungen sehen einzelne Kompetenzstufen: ja", Section(html, "Skills"), StringComparison.Ordinal);
        Assert.Contains($"Gruppen von mindestens {changed} Personen", Section(html, "Skills"), StringComparison.Ordinal);
        Assert.Contains($"Gruppen von mindestens {changed} Personen", Section(html, "Learning"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Meine_Daten_and_the_footer_link_to_the_overview_and_it_reads_in_English_too()
    {
        var member = await MemberAsync();

        Assert.Contains("href=\"/privacy/processing\"", await member.GetStringAsync("/me/data"), StringComparison.Ordinal);
        var footer = (await member.GetStringAsync("/org")).Split("<footer", 2)[1];
        Assert.Contains("href=\"/privacy/processing\"", footer, StringComparison.Ordinal);

        var html = WebUtility.HtmlDecode(await member.GetStringAsync("/privacy/processing?culture=en-GB"));
        Assert.Contains("<h1>Overview of processing</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Log of mails that are done with (sent, merged into a digest, failed, cancelled): 90 days after queueing", Section(html, "Notifications"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_the_login()
    {
        var response = await Factory.CreateAnonymousClient().GetAsync("/privacy/processing");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The HTML of one module's section.</summary>
    private static string Section(string html, string module)
    {
        var start = html.IndexOf($"data-module=\"{module}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No section of {module}.");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("data-module=\"([A-Za-z]+)\"")]
    private static partial Regex ModuleAttribute();

    private sealed record PrivacyDto(int MinimumGroupSize, bool IndividualProficiencyVisibleToLeads, int Version);
}

[Collection(IntegrationCollection.Name)]
public sealed class ProcessingOverviewTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : ProcessingOverviewTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class ProcessingOverviewTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : ProcessingOverviewTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
