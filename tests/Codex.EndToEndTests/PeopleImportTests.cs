using System.Text;
using Codex.Testing;
using Microsoft.Playwright;

namespace Codex.EndToEndTests;

public sealed class PeopleImportTests(CodexSite site) : BrowserTest(site)
{
    [Fact]
    public async Task Human_resources_uploads_a_staff_list_sees_the_error_fixes_the_file_and_applies_it()
    {
        var page = await Site.SignedInPageAsync(DemoLogins.HumanResources);
        await page.GotoAsync("/people");
        await page.GetByRole(AriaRole.Link, new() { Name = "Personen importieren (CSV/XLSX)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Personen importieren" })).ToBeVisibleAsync();

        const string header = "Personalnummer;Vorname;Nachname;E-Mail;Einheit;Leitung;Rolle\r\n";
        var broken = header +
            "E2E-1;Wiebke;Importtest;wiebke.importtest@sozialwerk-rheinaue.example;Pflegeteam Nord;nein;Pflegefachkraft\r\n" +
            "E2E-2;Ole;Importtest;ole.importtest@sozialwerk-rheinaue.example;Pflegeteam West;nein;Verwaltung\r\n";
        await UploadAsync(page, broken);

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("1 Fehler");
        var error = page.Locator("#import-errors tbody tr");
        await Expect(error).ToHaveCountAsync(1);
        await Expect(error.Nth(0)).ToContainTextAsync("3");
        await Expect(error.Nth(0)).ToContainTextAsync("E (Einheit)");
        await Expect(error.Nth(0)).ToContainTextAsync("Diese Einheit gibt es nicht.");
        await Expect(error.Nth(0)).ToContainTextAsync("Pflegeteam West");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Übernehmen" })).ToHaveCountAsync(0);
        await CodexSite.SaveScreenshotAsync(page, "people-import-error-desktop");

        await UploadAsync(page, broken.Replace("Pflegeteam West", "Ambulante Pflege/Pflegeteam Süd", StringComparison.Ordinal));

        await Expect(page.Locator("#import-summary")).ToContainTextAsync("2 Zeilen: 2 neu");
        await Expect(page.Locator("#import-created tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#import-created")).ToContainTextAsync("Ambulante Pflege/Pflegeteam Süd");
        await page.GetByRole(AriaRole.Button, new() { Name = "Übernehmen" }).ClickAsync();

        await Expect(page.Locator("#import-done")).ToContainTextAsync("2 neu");
        await page.GotoAsync("/people?search=Importtest");
        await Expect(page.Locator("#people-count")).ToHaveTextAsync("2 Personen gefunden");
        AssertNoBrowserErrors(page);
    }

    private static async Task UploadAsync(IPage page, string csv)
    {
        await page.GetByLabel("Datei (CSV oder XLSX)").SetInputFilesAsync(new FilePayload
        {
            Name = "personal.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await page.GetByLabel("Neue hinzufügen und bestehende aktualisieren").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Datei prüfen" }).ClickAsync();
    }
}
