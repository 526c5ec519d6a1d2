using System.Text.RegularExpressions;
using Codex.Testing;
using Microsoft.Playwright;

namespace Codex.EndToEndTests;

/// <summary>The Skills module in Chromium: HR's grid, a member's self-assessment and the team heatmap.</summary>
public sealed class SkillsTests(CodexSite site) : BrowserTest(site)
{
    private const string CareDoc = "Pflegedokumentation (Tablet-App)";

    [Fact]
    public async Task HR_edits_the_grid_and_the_change_is_saved_and_logged()
    {
        var page = await Site.SignedInPageAsync(DemoLogins.HumanResources);
        await page.GotoAsync("/skills/matrix");

        var level = page.GetByLabel("Geforderte Stufe: Erzieher:in, Diensttablet");
        await level.SelectOptionAsync("2");
        await page.GetByLabel("verpflichtend (Erzieher:in, Diensttablet)").CheckAsync();
        await page.GetByLabel("Begründung: Erzieher:in, Diensttablet").FillAsync("Dokumentation in der Wohngruppe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Matrix speichern" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Die Anforderungsmatrix wurde gespeichert.");
        await Expect(page.GetByLabel("Geforderte Stufe: Erzieher:in, Diensttablet")).ToHaveValueAsync("2");
        await Expect(page.GetByLabel("verpflichtend (Erzieher:in, Diensttablet)")).ToBeCheckedAsync();

        await page.GotoAsync("/skills/audit?area=Matrix");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Erzieher:in × Diensttablet" });
        await Expect(row).ToContainTextAsync("2 mandatory · Dokumentation in der Wohngruppe");
        await Expect(row).ToContainTextAsync("heike.sommer");
        AssertNoBrowserErrors(page);
    }

    [Fact]
    public async Task Two_people_save_the_grid_at_once_and_after_the_conflict_both_changes_are_kept()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var admin = await Site.SignedInPageAsync(DemoLogins.Admin);
        var hr = await Site.SignedInPageAsync(DemoLogins.HumanResources);
        await admin.GotoAsync("/skills/matrix");
        await hr.GotoAsync("/skills/matrix");

        // A saves cell X …
        await admin.GetByLabel("Geforderte Stufe: Verwaltung, Diensttablet").SelectOptionAsync("1");
        await admin.GetByLabel("Begründung: Verwaltung, Diensttablet").FillAsync("Admin " + tag);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Matrix speichern" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Die Anforderungsmatrix wurde gespeichert.");

        // … B, on the grid loaded before, changes cell Y and saves.
        await hr.GetByLabel("Geforderte Stufe: Verwaltung, Dienstplan-App").SelectOptionAsync("3");
        await hr.GetByLabel("verpflichtend (Verwaltung, Dienstplan-App)").CheckAsync();
        await hr.GetByLabel("Begründung: Verwaltung, Dienstplan-App").FillAsync("HR " + tag);
        await hr.GetByRole(AriaRole.Button, new() { Name = "Matrix speichern" }).ClickAsync();

        await Expect(hr.GetByRole(AriaRole.Alert)).ToContainTextAsync("Jemand anderes hat die Matrix inzwischen gespeichert.");
        await Expect(hr.GetByLabel("Geforderte Stufe: Verwaltung, Dienstplan-App")).ToHaveValueAsync("3");
        await Expect(hr.GetByLabel("verpflichtend (Verwaltung, Dienstplan-App)")).ToBeCheckedAsync();
        await Expect(hr.GetByLabel("Begründung: Verwaltung, Dienstplan-App")).ToHaveValueAsync("HR " + tag);
        // The other person's value is beside the cell, in words, and read out with it.
        await Expect(hr.GetByLabel("Geforderte Stufe: Verwaltung, Diensttablet")).ToHaveAccessibleDescriptionAsync(new Regex(
            "^Inzwischen geändert " + Regex.Escape($"Gespeichert ist jetzt: 1 Grundlagen (mit Hilfe) · empfohlen · Admin {tag}. Das bleibt so, solange Sie diese Zelle nicht ändern.")));
        Assert.Null(await hr.GetByLabel("Geforderte Stufe: Verwaltung, Dienstplan-App").GetAttributeAsync("aria-describedby"));
        Assert.Empty(await PageChecks.AccessibilityProblemsAsync(hr));

        await hr.GetByRole(AriaRole.Button, new() { Name = "Meine Änderungen auf den neuen Stand speichern" }).ClickAsync();
        await Expect(hr.GetByRole(AriaRole.Status)).ToHaveTextAsync("Die Anforderungsmatrix wurde gespeichert.");

        await admin.ReloadAsync();
        await Expect(admin.GetByLabel("Geforderte Stufe: Verwaltung, Diensttablet")).ToHaveValueAsync("1");
        await Expect(admin.GetByLabel("Begründung: Verwaltung, Diensttablet")).ToHaveValueAsync("Admin " + tag);
        await Expect(admin.GetByLabel("Geforderte Stufe: Verwaltung, Dienstplan-App")).ToHaveValueAsync("3");
        await Expect(admin.GetByLabel("verpflichtend (Verwaltung, Dienstplan-App)")).ToBeCheckedAsync();
        await Expect(admin.GetByLabel("Begründung: Verwaltung, Dienstplan-App")).ToHaveValueAsync("HR " + tag);
        AssertNoBrowserErrors(admin);
        AssertNoBrowserErrors(hr);
    }

    [Fact]
    public async Task On_a_phone_the_heatmap_table_is_reached_and_scrolled_with_the_keyboard_and_shows_its_focus()
    {
        var page = await Site.SignedInPageAsync(DemoLogins.HumanResources, Device.Phone);
        await page.GotoAsync("/skills/gaps");
        var region = page.Locator("div[role=region]:has(#heatmap-table)");
        await Expect(region).ToHaveAccessibleNameAsync(new Regex("^Erfüllungsgrad je Einheit und Werkzeug: "));
        Assert.True(await region.EvaluateAsync<bool>("r => r.scrollWidth > r.clientWidth"), "the table should be wider than a phone");

        var reached = false;
        for (var i = 0; i < 60 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await region.EvaluateAsync<bool>("r => document.activeElement === r");
        }

        Assert.True(reached, "Tab never reached the heatmap table");
        Assert.NotEqual("none", await region.EvaluateAsync<string>("r => getComputedStyle(r).outlineStyle"));
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.WaitForFunctionAsync("() => document.getElementById('heatmap-table').parentElement.scrollLeft > 0", null, new() { Timeout = 5000 });
        AssertNoBrowserErrors(page);
    }

    [Fact]
    public async Task HR_creates_a_role_in_the_form_and_renames_it()
    {
        var page = await Site.SignedInPageAsync(DemoLogins.HumanResources);
        await page.GotoAsync("/skills/roles");
        var name = "Hauswirtschaftskraft " + Guid.NewGuid().ToString("N")[..4];

        var form = page.Locator("#role-form");
        await form.GetByLabel("Name").FillAsync(name);
        await form.GetByLabel("Beschreibung").FillAsync("Einkauf, Wäsche, Mahlzeiten bei Klient:innen.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Link, new() { Name = $"{name} bearbeiten" }).ClickAsync();
        await form.GetByLabel("Name").FillAsync(name + " (Teilzeit)");
        await form.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = name + " (Teilzeit)" })).ToHaveCountAsync(1);
        AssertNoBrowserErrors(page);
    }

    [Fact]
    public async Task A_member_self_assesses_and_the_team_heatmap_changes()
    {
        var hr = await Site.SignedInPageAsync(DemoLogins.HumanResources);
        var before = await TeamCareDocCellAsync(hr);
        Assert.Matches(@"^\d+ von 7 \(\d+ %\)$", before);

        var member = await Site.SignedInPageAsync(DemoLogins.Member);
        await member.GotoAsync("/me/skills");
        await Expect(member.Locator("#gap-list")).ToContainTextAsync(CareDoc);
        await member.GetByLabel($"Ihre Stufe bei {CareDoc}").SelectOptionAsync("4");
        await member.GetByRole(AriaRole.Button, new() { Name = "Einschätzung speichern" }).ClickAsync();

        await Expect(member.GetByRole(AriaRole.Status)).ToHaveTextAsync("Ihre Einschätzung wurde gespeichert.");
        await Expect(member.GetByLabel($"Ihre Stufe bei {CareDoc}")).ToHaveValueAsync("4");
        await Expect(member.Locator("#gap-list")).Not.ToContainTextAsync(CareDoc);
        await Expect(member.GetByRole(AriaRole.Row).Filter(new() { HasText = CareDoc }).Filter(new() { HasText = "1 → 4" })).ToHaveCountAsync(1);

        var after = await TeamCareDocCellAsync(hr);
        var met = (int.Parse(before.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(after.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(met.Item1 + 1, met.Item2);
        AssertNoBrowserErrors(member);
        AssertNoBrowserErrors(hr);
    }

    [Theory]
    [InlineData("/me/skills", Device.Desktop)]
    [InlineData("/me/skills", Device.Phone)]
    [InlineData("/skills/matrix", Device.Desktop)]
    [InlineData("/skills/gaps", Device.Desktop)]
    [InlineData("/skills/gaps", Device.Phone)]
    [InlineData("/skills/tools", Device.Phone)]
    [InlineData("/skills/transfer", Device.Desktop)]
    [InlineData("/skills/audit", Device.Phone)]
    [InlineData("/skills/roles", Device.Phone)]
    [InlineData("/skills/assignments", Device.Phone)]
    public async Task The_skills_screens_meet_the_accessibility_basics_and_do_not_scroll_sideways(string path, Device device)
    {
        var page = await Site.SignedInPageAsync(DemoLogins.Admin, device);
        await page.GotoAsync(path);

        var problems = (await PageChecks.AccessibilityProblemsAsync(page)).Concat(await PageChecks.HorizontalScrollingAsync(page))
            .Concat(await PageChecks.UnreachableScrollRegionsAsync(page)).ToList();

        Assert.True(problems.Count == 0, $"{path} ({device}):{PageChecks.Describe(problems)}");
        await CodexSite.SaveScreenshotAsync(page, $"skills{path.Replace('/', '-')}-{device.ToString().ToLowerInvariant()}");
        AssertNoBrowserErrors(page);
    }

    /// <summary>The heatmap table's value for Pflegeteam Nord × the care documentation app, e.g. "3 von 7 (43 %)".</summary>
    private static async Task<string> TeamCareDocCellAsync(IPage page)
    {
        await page.GotoAsync("/skills/gaps");
        var unit = page.GetByLabel("Organisationseinheit");
        var value = await unit.EvaluateAsync<string>("s => [...s.options].find(o => o.textContent.trim().endsWith('Pflegeteam Nord')).value");
        await unit.SelectOptionAsync(value);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anzeigen" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Erfüllungsgrad je Einheit und Werkzeug: Pflegeteam Nord" })).ToBeVisibleAsync();
        return await page.Locator("#heatmap-table").EvaluateAsync<string>($$"""
            t => {
              const col = [...t.tHead.rows[0].cells].findIndex(c => c.textContent.trim() === '{{CareDoc}}');
              const row = [...t.tBodies[0].rows].find(r => r.cells[0].textContent.trim() === 'Pflegeteam Nord (gesamt)');
              return row.cells[col].textContent.trim();
            }
            """);
    }
}
