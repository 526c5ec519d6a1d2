using System.Text.RegularExpressions;
using Codex.Testing;
using Microsoft.Playwright;

namespace Codex.EndToEndTests;

public sealed class TeamCodexTests(CodexSite site) : BrowserTest(site)
{
    private const string Attack = "Wir antworten werktags. <script>window.__xss = 1</script> <img src=x onerror=\"window.__xss = 2\"> [Hilfe](javascript:window.__xss=3)";

    [Fact]
    public async Task A_proposal_goes_from_draft_through_objection_and_consent_to_a_published_acknowledged_version()
    {
        var member = await Site.SignedInPageAsync(DemoLogins.Member);
        var lead = await Site.SignedInPageAsync(DemoLogins.TeamLead);

        // The member starts the team's codex from the template and writes into it (including an XSS attempt).
        await member.GotoAsync("/codex");
        await member.GetByRole(AriaRole.Link, new() { Name = "Pflegeteam Nord", Exact = true }).ClickAsync();
        await OpenDraftAsync(member);
        await Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Entwurf: Pflegeteam Nord" })).ToBeVisibleAsync();
        await Expect(member.Locator("#title-0")).ToHaveValueAsync("Zweck");
        await member.Locator("#text-1").FillAsync(Attack);
        await member.GetByRole(AriaRole.Button, new() { Name = "Entwurf speichern" }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Status)).ToHaveTextAsync("Der Entwurf wurde gespeichert.");

        await member.GetByRole(AriaRole.Link, new() { Name = "Als Änderung vorschlagen" }).ClickAsync();
        await member.GetByLabel("Titel des Vorschlags").FillAsync("Erreichbarkeit festhalten");
        await member.GetByLabel("Begründung").FillAsync("Neue Kolleg:innen fragen oft, wann wir antworten.");
        await member.GetByRole(AriaRole.Button, new() { Name = "Vorschlag einreichen" }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Erreichbarkeit festhalten" })).ToBeVisibleAsync();
        var proposalUrl = member.Url;

        // The lead opens a round and objects, with a reason.
        await lead.GotoAsync(proposalUrl);
        await lead.GetByRole(AriaRole.Button, new() { Name = "Review-Runde starten" }).ClickAsync();
        await Expect(lead.GetByRole(AriaRole.Status)).ToHaveTextAsync("Die Review-Runde ist eröffnet.");
        var roundUrl = lead.Url;
        await lead.GetByLabel("Einwand", new() { Exact = true }).CheckAsync();
        await lead.GetByRole(AriaRole.Button, new() { Name = "Rückmeldung senden" }).ClickAsync();
        await Expect(lead.GetByRole(AriaRole.Alert)).ToContainTextAsync("Ein Einwand braucht eine Begründung");
        await lead.GetByLabel("Begründung oder Anmerkung").FillAsync("Bitte die Übergabezeit ergänzen.");
        await lead.GetByRole(AriaRole.Button, new() { Name = "Rückmeldung senden" }).ClickAsync();
        await Expect(lead.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Ihre Rückmeldung wurde gespeichert.");
        await Expect(lead.GetByText("Es gibt einen offenen Einwand.")).ToBeVisibleAsync();

        // Publishing is refused while the objection stands.
        await lead.GotoAsync(proposalUrl);
        await lead.GetByLabel("Zusammenfassung der Änderungen").FillAsync("Erreichbarkeit ergänzt.");
        await lead.GetByRole(AriaRole.Button, new() { Name = "Als neue Version veröffentlichen" }).ClickAsync();
        await Expect(lead.GetByRole(AriaRole.Alert)).ToContainTextAsync("Ein Einwand ist noch offen");

        // The member meets the objection: edits the draft and amends the proposal.
        await member.GotoAsync(proposalUrl);
        await member.GetByRole(AriaRole.Link, new() { Name = "Entwurf bearbeiten" }).ClickAsync();
        await member.Locator("#text-1").FillAsync(Attack + "\n\nÜbergabe täglich um 13:30 Uhr.");
        await member.GetByRole(AriaRole.Button, new() { Name = "Entwurf speichern" }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Status)).ToHaveTextAsync("Der Entwurf wurde gespeichert.");
        await member.GotoAsync(proposalUrl);
        await member.GetByRole(AriaRole.Button, new() { Name = "Aktuellen Entwurf übernehmen" }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Status)).ToHaveTextAsync("Der Vorschlag wurde überarbeitet. Bitte stimmen Sie erneut ab.");

        // Both consent to the amended text.
        foreach (var page in new[] { member, lead })
        {
            await page.GotoAsync(roundUrl);
            await page.GetByLabel("Zustimmung", new() { Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Rückmeldung senden" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Ihre Rückmeldung wurde gespeichert.");
        }

        await Expect(lead.GetByText("Es gibt einen offenen Einwand.")).ToHaveCountAsync(0);

        // The lead publishes.
        await lead.GotoAsync(proposalUrl);
        await lead.GetByLabel("Zusammenfassung der Änderungen").FillAsync("Erreichbarkeit und Übergabezeit ergänzt.");
        await lead.GetByRole(AriaRole.Button, new() { Name = "Als neue Version veröffentlichen" }).ClickAsync();
        await Expect(lead.GetByRole(AriaRole.Status)).ToHaveTextAsync("Version 1 ist veröffentlicht und in Kraft.");

        // The member acknowledges the version in force; the script in the Markdown never ran.
        await member.GotoAsync(lead.Url);
        await Expect(member.GetByRole(AriaRole.Heading, new() { Name = "Bitte bestätigen: Version 1 ist in Kraft" })).ToBeVisibleAsync();
        await Expect(member.GetByText("Übergabe täglich um 13:30 Uhr.")).ToBeVisibleAsync();
        Assert.Null(await member.EvaluateAsync<int?>("() => window.__xss ?? null"));
        await Expect(member.Locator(".markdown script, .markdown img[onerror], .markdown a[href^='javascript']")).ToHaveCountAsync(0);
        await Expect(member.Locator(".markdown").Filter(new() { HasText = "<script>" })).ToHaveCountAsync(1);
        await Expect(member.GetByRole(AriaRole.Heading, new() { Name = "Verbindlich aus dem Kodex „Sozialwerk Rheinaue e.V.“ (Version 1)" })).ToBeVisibleAsync();
        await member.GetByRole(AriaRole.Button, new() { Name = "Gelesen und verstanden" }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Status)).ToHaveTextAsync("Danke! Sie haben Version 1 bestätigt.");
        await Expect(member.GetByText("Sie haben Version 1 gelesen und bestätigt.")).ToBeVisibleAsync();

        // The print view: the version alone, without navigation.
        await member.GetByRole(AriaRole.Link, new() { Name = "Druckansicht" }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Pflegeteam Nord – Version 1" })).ToBeVisibleAsync();
        await Expect(member.Locator("nav")).ToHaveCountAsync(0);
        await Expect(member.GetByText("Übergabe täglich um 13:30 Uhr.")).ToBeVisibleAsync();
        await member.GoBackAsync();

        // The history shows the change word by word.
        await member.GetByRole(AriaRole.Link, new() { Name = "Verlauf und Vergleich" }).ClickAsync();
        await member.GetByRole(AriaRole.Button, new() { Name = "Vergleichen" }).ClickAsync();
        await Expect(member.Locator("ins").Filter(new() { HasText = "13:30" }).First).ToBeVisibleAsync();

        // The lead sees who has confirmed.
        await lead.GotoAsync(lead.Url.TrimEnd('/') + "/settings");
        await Expect(lead.GetByRole(AriaRole.Row).Filter(new() { HasText = "Mehmet Yılmaz" })).ToContainTextAsync("bestätigt am");

        AssertNoBrowserErrors(member);
        AssertNoBrowserErrors(lead);
        Assert.Empty(await PageChecks.AccessibilityProblemsAsync(member));
    }

    [Fact]
    public async Task The_draft_editor_offers_to_restore_text_that_was_not_saved()
    {
        var lead = await Site.SignedInPageAsync(DemoLogins.TeamLead);
        await lead.GotoAsync("/codex");
        await lead.GetByRole(AriaRole.Link, new() { Name = "Pflegeteam Nord", Exact = true }).ClickAsync();
        await OpenDraftAsync(lead);

        await Expect(lead).ToHaveURLAsync(new Regex("/draft$"));
        await lead.Locator("#text-0").FillAsync("Text, der nur im Browser steht.");
        await lead.ReloadAsync();

        await Expect(lead.Locator("#text-0")).Not.ToHaveValueAsync("Text, der nur im Browser steht.");
        await lead.GetByRole(AriaRole.Button, new() { Name = "Wiederherstellen" }).ClickAsync();
        await Expect(lead.Locator("#text-0")).ToHaveValueAsync("Text, der nur im Browser steht.");
        AssertNoBrowserErrors(lead);
    }

    [Fact]
    public async Task Two_people_edit_different_sections_at_once_and_after_the_second_saves_and_merges_both_edits_are_in_the_draft()
    {
        var (member, lead) = await BothOnTheDraftAsync();
        var leadText = $"Teambesprechung montags ({Guid.NewGuid():N})";
        var memberText = $"Vertretung über den Dienstplan ({Guid.NewGuid():N})";

        await lead.Locator("#text-3").FillAsync(leadText);
        await lead.GetByRole(AriaRole.Button, new() { Name = "Entwurf speichern" }).ClickAsync();
        await Expect(lead.GetByRole(AriaRole.Status)).ToHaveTextAsync("Der Entwurf wurde gespeichert.");

        // The member's page is outdated now; their save is merged, shown, and not yet stored.
        await member.Locator("#text-2").FillAsync(memberText);
        await member.GetByRole(AriaRole.Button, new() { Name = "Entwurf speichern" }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Status)).ToContainTextAsync("Ihre Änderungen sind mit dem neuen Stand zusammengeführt");
        await Expect(member.Locator("#text-2")).ToHaveValueAsync(memberText);
        await Expect(member.Locator("#text-3")).ToHaveValueAsync(leadText);
        await Expect(member.GetByText("Diesen Abschnitt haben Sie beide geändert.")).ToHaveCountAsync(0); // line endings are no change
        await member.GetByRole(AriaRole.Button, new() { Name = "Entwurf speichern" }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Status)).ToHaveTextAsync("Der Entwurf wurde gespeichert.");

        await lead.ReloadAsync();
        await Expect(lead.Locator("#text-2")).ToHaveValueAsync(memberText);
        await Expect(lead.Locator("#text-3")).ToHaveValueAsync(leadText);
        AssertNoBrowserErrors(member);
        AssertNoBrowserErrors(lead);
    }

    [Fact]
    public async Task When_both_edit_the_same_section_the_page_asks_for_that_section_only_shows_both_and_saves_the_choice()
    {
        var (member, lead) = await BothOnTheDraftAsync();
        var leadText = $"Fragen zuerst an die Schichtleitung ({Guid.NewGuid():N})";
        var leadOther = $"Konflikte in der Supervision ({Guid.NewGuid():N})";
        var memberText = $"Fragen zuerst an die Kollegin im Dienst ({Guid.NewGuid():N})";

        await lead.Locator("#text-2").FillAsync(leadText);
        await lead.Locator("#text-5").FillAsync(leadOther);
        await lead.GetByRole(AriaRole.Button, new() { Name = "Entwurf speichern" }).ClickAsync();
        await Expect(lead.GetByRole(AriaRole.Status)).ToHaveTextAsync("Der Entwurf wurde gespeichert.");

        await member.Locator("#text-2").FillAsync(memberText);
        await member.GetByRole(AriaRole.Button, new() { Name = "Entwurf speichern" }).ClickAsync();

        // Asked about that one section: the member's text in the field, the lead's beside it.
        await Expect(member.GetByRole(AriaRole.Alert)).ToContainTextAsync("in 1 Abschnitt(en) haben Sie beide etwas geändert");
        await Expect(member.GetByText("Diesen Abschnitt haben Sie beide geändert.")).ToHaveCountAsync(1);
        await Expect(member.Locator("[data-their-version]")).ToHaveTextAsync(leadText);
        await Expect(member.Locator("#text-2")).ToHaveValueAsync(memberText);
        await Expect(member.Locator("#text-5")).ToHaveValueAsync(leadOther);
        await Expect(member.GetByRole(AriaRole.Radio)).ToHaveCountAsync(2);

        // Saving without deciding stores nothing and keeps everything typed.
        await member.GetByRole(AriaRole.Button, new() { Name = "Entwurf speichern" }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Alert)).ToContainTextAsync("Bitte entscheiden Sie, welcher Text gelten soll");
        await Expect(member.Locator("#text-2")).ToHaveValueAsync(memberText);

        // The member combines both in the field and keeps that.
        var combined = memberText + " – sonst an die Schichtleitung.";
        await member.Locator("#text-2").FillAsync(combined);
        await member.GetByLabel("Mein Text im Feld (gern bearbeitet)").CheckAsync();
        await member.GetByRole(AriaRole.Button, new() { Name = "Entwurf speichern" }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Status)).ToHaveTextAsync("Der Entwurf wurde gespeichert.");

        await lead.ReloadAsync();
        await Expect(lead.Locator("#text-2")).ToHaveValueAsync(combined);
        await Expect(lead.Locator("#text-5")).ToHaveValueAsync(leadOther);
        AssertNoBrowserErrors(member);
        AssertNoBrowserErrors(lead);
    }

    /// <summary>The member and the lead, each in a browser of their own, with the team's draft open.</summary>
    private async Task<(IPage Member, IPage Lead)> BothOnTheDraftAsync()
    {
        var member = await Site.SignedInPageAsync(DemoLogins.Member);
        var lead = await Site.SignedInPageAsync(DemoLogins.TeamLead);
        await member.GotoAsync("/codex");
        await member.GetByRole(AriaRole.Link, new() { Name = "Pflegeteam Nord", Exact = true }).ClickAsync();
        await OpenDraftAsync(member);
        await lead.GotoAsync(member.Url);
        await Expect(lead.Locator("#text-2")).ToBeVisibleAsync();
        return (member, lead);
    }

    /// <summary>All tests of this class use the same team: whichever runs first creates its codex.</summary>
    private static async Task OpenDraftAsync(IPage page)
    {
        var create = page.GetByRole(AriaRole.Button, new() { Name = "Kodex aus Vorlage anlegen" });
        if (await create.CountAsync() > 0)
        {
            await create.ClickAsync();
        }
        else
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Entwurf bearbeiten" }).ClickAsync();
        }

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/draft$"));
    }
}
