using Codex.Testing;
using Microsoft.Playwright;

namespace Codex.EndToEndTests;

/// <summary>Erasure in Chromium: an admin erases a person who left, and the team's codex keeps her text as a former employee's.</summary>
public sealed class ErasureTests(CodexSite site) : BrowserTest(site)
{
    [Fact]
    public async Task An_admin_marks_a_person_as_left_erases_her_and_the_draft_shows_her_revision_as_a_former_employees()
    {
        // Set-up: a team of its own with a codex, and Erika in it with an account.
        var admin = await Site.SignedInPageAsync(DemoLogins.Admin);
        var units = await SendAsync(admin, "GET", "/api/org/units");
        var parent = units.EnumerateArray().Single(u => u.GetProperty("name").GetString() == "Ambulante Pflege").GetProperty("id").GetGuid();
        var team = (await SendAsync(admin, "POST", "/api/org/units", new { name = $"Löschteam {Guid.NewGuid():N}"[..20], kind = "Team", parentId = parent })).GetProperty("id").GetGuid();
        var (email, erikaId) = await NewAccountAsync("Erika", "Vergessen");
        await SendAsync(admin, "PUT", $"/api/org/units/{team}/members/{erikaId}");
        await SendAsync(admin, "POST", $"/api/codex/units/{team}");

        // Erika writes in the draft.
        var erika = await Site.SignedInPageAsync(email);
        // Her membership reaches TeamCodex through the outbox.
        await ReloadUntilAsync(erika, $"/codex/{team}/draft", async () => await erika.Locator("#text-1").CountAsync() == 1);
        await erika.Locator("#text-1").FillAsync("Übergaben schreibt Erika ins Tablet.");
        await erika.GetByRole(AriaRole.Button, new() { Name = "Entwurf speichern" }).ClickAsync();
        await Expect(erika.GetByRole(AriaRole.Status)).ToHaveTextAsync("Der Entwurf wurde gespeichert.");

        // The admin lets her leave, then erases her.
        await admin.GotoAsync($"/people/edit/{erikaId}");
        await admin.GetByText("Ausscheiden lassen …").ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Ja, ausscheiden lassen" }).ClickAsync();
        await Expect(admin.Locator("#person-status")).ToContainTextAsync("ausgeschieden", new() { IgnoreCase = true });
        var problems = await PageChecks.AccessibilityProblemsAsync(admin);
        Assert.True(problems.Count == 0, $"{admin.Url}:{PageChecks.Describe(problems)}");
        await admin.GetByText("Endgültig löschen …").ClickAsync();
        await Expect(admin.GetByText("Sollen alle Daten von Erika Vergessen endgültig gelöscht werden?")).ToBeVisibleAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Ja, endgültig löschen" }).ClickAsync();
        await Expect(admin.Locator("#people-message")).ToContainTextAsync("Die Person ist gelöscht.");

        // The text stays, its author is a former employee; Erika is nowhere to be found.
        await ReloadUntilAsync(admin, $"/codex/{team}/draft",
            async () => (await admin.Locator("body").InnerTextAsync()).Contains("ehemalige:r Mitarbeiter:in", StringComparison.Ordinal));
        await Expect(admin.Locator("#text-1")).ToHaveValueAsync("Übergaben schreibt Erika ins Tablet.");
        await admin.GotoAsync("/people?search=Vergessen");
        await Expect(admin.GetByText("Erika Vergessen")).ToHaveCountAsync(0);
        AssertNoBrowserErrors(admin);
    }

    /// <summary>Opens the page again until the condition holds (what arrives through the outbox), for at most 20 s.</summary>
    private static async Task ReloadUntilAsync(IPage page, string path, Func<Task<bool>> holds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await page.GotoAsync(path);
            if (await holds())
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path} never showed what was expected");
        }
    }
}
