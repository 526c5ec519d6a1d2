using System.Text;
using System.Text.RegularExpressions;
using Codex.Testing;
using Microsoft.Playwright;

namespace Codex.EndToEndTests;

/// <summary>The audit trail in Chromium: an admin makes someone the data protection officer, who reads, filters and downloads the trail.</summary>
public sealed class AuditTrailTests(CodexSite site) : BrowserTest(site)
{
    [Fact]
    public async Task An_admin_grants_the_Datenschutz_role_and_the_officer_filters_the_trail_by_person_and_area_and_downloads_it()
    {
        var (email, _) = await NewAccountAsync("Dana", "Datenschutz");
        var admin = await Site.SignedInPageAsync(DemoLogins.Admin);
        await admin.GotoAsync("/admin/accounts?search=Dana%20Datenschutz");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Datenschutz (nur lesen)-Rechte für Dana Datenschutz geben" }).ClickAsync();
        await Expect(admin.Locator("#accounts-message")).ToContainTextAsync("Die Rechte sind geändert");
        await Expect(admin.Locator("tr[data-person]").Filter(new() { HasText = "Dana Datenschutz" })).ToContainTextAsync("Datenschutz (nur lesen)");

        var officer = await Site.SignedInPageAsync(email);
        await officer.GotoAsync("/");
        await officer.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" }).GetByRole(AriaRole.Link, new() { Name = "Protokoll" }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Protokoll: wer hat was wann getan" })).ToBeVisibleAsync();
        await officer.GetByLabel("Betroffene Person (Name)").FillAsync("Dana Datenschutz");
        await officer.GetByLabel("Bereich").SelectOptionAsync(new SelectOptionValue { Label = "Konten" });
        await officer.GetByRole(AriaRole.Button, new() { Name = "Filtern" }).ClickAsync();

        var rows = officer.Locator("#audit-trail tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Bernd Engel");
        await Expect(rows.First).ToContainTextAsync("Dana Datenschutz");
        await Expect(officer.Locator("#audit-count")).ToHaveTextAsync("1 Einträge");
        var problems = await PageChecks.AccessibilityProblemsAsync(officer);
        Assert.True(problems.Count == 0, $"{officer.Url}:{PageChecks.Describe(problems)}");

        var download = await officer.RunAndWaitForDownloadAsync(() => officer.GetByRole(AriaRole.Link, new() { Name = "Als CSV herunterladen" }).ClickAsync());
        Assert.Matches(new Regex(@"^codex-protokoll-\d{4}-\d{2}-\d{2}\.csv$"), download.SuggestedFilename);
        var lines = (await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains(";Konten;", lines[1], StringComparison.Ordinal);
        Assert.Contains("Bernd Engel;Dana Datenschutz", lines[1], StringComparison.Ordinal);

        // Clicking a name narrows the trail to the entries that person made.
        await officer.GotoAsync("/admin/audit?module=Identity");
        await officer.GetByRole(AriaRole.Link, new() { Name = "Bernd Engel" }).First.ClickAsync();
        await Expect(officer.GetByLabel("Handelnde Person (Name)")).ToHaveValueAsync("Bernd Engel");
        AssertNoBrowserErrors(officer);
    }

    [Fact]
    public async Task On_a_phone_the_trail_fits_the_screen_and_a_member_is_turned_away()
    {
        var admin = await Site.SignedInPageAsync(DemoLogins.Admin, Device.Phone);
        await admin.GotoAsync("/admin/audit");
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Protokoll: wer hat was wann getan" })).ToBeVisibleAsync();
        Assert.Empty(await PageChecks.HorizontalScrollingAsync(admin));
        await CodexSite.SaveScreenshotAsync(admin, "audit-trail-phone");

        var member = await Site.SignedInPageAsync(DemoLogins.Member);
        await member.GotoAsync("/admin/audit");
        Assert.Contains("/Account/AccessDenied", member.Url, StringComparison.OrdinalIgnoreCase);
        await Expect(member.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" }).GetByRole(AriaRole.Link, new() { Name = "Protokoll" })).ToHaveCountAsync(0);
    }
}
