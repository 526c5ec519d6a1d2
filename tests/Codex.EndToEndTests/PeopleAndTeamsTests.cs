using Codex.Testing;
using Microsoft.Playwright;

namespace Codex.EndToEndTests;

public sealed class PeopleAndTeamsTests(CodexSite site) : BrowserTest(site)
{
    [Fact]
    public async Task An_admin_creates_a_person_who_then_appears_in_the_people_search()
    {
        var page = await Site.SignedInPageAsync(DemoLogins.Admin);

        await CreatePersonAsync(page, "Greta", "Sonnberg", "greta.sonnberg@sozialwerk-rheinaue.example");

        // A fresh search, typed as a person would.
        await page.GotoAsync("/people");
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Nach Name oder E-Mail suchen" }).FillAsync("Sonnberg");
        await page.GetByRole(AriaRole.Button, new() { Name = "Suchen", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("search=Sonnberg"));
        await Expect(page.Locator("#people-count")).ToHaveTextAsync("1 Person gefunden");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "greta.sonnberg@sozialwerk-rheinaue.example" });
        await Expect(row).ToHaveCountAsync(1);
        // The first cell selects the person for an invitation; then last and first name.
        await Expect(row.GetByRole(AriaRole.Checkbox, new() { Name = "Greta Sonnberg auswählen" })).ToBeVisibleAsync();
        await Expect(row.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("Sonnberg");
        await Expect(row.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("Greta");
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = "Greta Sonnberg bearbeiten" })).ToBeVisibleAsync();
        AssertNoBrowserErrors(page);
    }

    [Fact]
    public async Task The_pager_of_the_people_list_leads_to_the_second_page_and_back()
    {
        var page = await Site.SignedInPageAsync(DemoLogins.Admin);
        await page.GotoAsync("/people");
        var pager = page.GetByRole(AriaRole.Navigation, new() { Name = "Seitennavigation" });
        await Expect(pager).ToContainTextAsync(new Regex("Seite 1 von [2-9]"));
        var firstOnPageOne = await page.GetByRole(AriaRole.Row).Nth(1).InnerTextAsync();

        await pager.GetByRole(AriaRole.Link, new() { Name = "Nächste Seite »" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("[?&]p=2"));
        await Expect(pager).ToContainTextAsync(new Regex("Seite 2 von [2-9]"));
        Assert.NotEqual(firstOnPageOne, await page.GetByRole(AriaRole.Row).Nth(1).InnerTextAsync());

        await pager.GetByRole(AriaRole.Link, new() { Name = "« Vorherige Seite" }).ClickAsync();
        await Expect(pager).ToContainTextAsync(new Regex("Seite 1 von [2-9]"));
        Assert.Equal(firstOnPageOne, await page.GetByRole(AriaRole.Row).Nth(1).InnerTextAsync());
        AssertNoBrowserErrors(page);
    }

    [Fact]
    public async Task An_invalid_email_shows_an_error_next_to_the_field_and_keeps_what_was_typed()
    {
        var page = await Site.SignedInPageAsync(DemoLogins.Admin);
        await page.GotoAsync("/people/edit");
        var email = page.GetByLabel("E-Mail-Adresse");

        await page.GetByLabel("Vorname").FillAsync("Ida");
        await page.GetByLabel("Nachname").FillAsync("Ungültig");
        await email.FillAsync("ida.ungueltig-at-example");
        await page.GetByLabel("Bevorzugte Sprache").SelectOptionAsync("en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();

        // Still the form, with a summary and the message at the field, tied to it for screen readers.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Person anlegen" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Bitte korrigieren Sie die markierten Angaben.");
        var error = page.Locator(".field-error").Filter(new() { HasText = "E-Mail-Adresse" });
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync("gültige E-Mail-Adresse");
        await Expect(email).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(email).ToHaveAccessibleDescriptionAsync(new Regex("gültige E-Mail-Adresse"));
        Assert.False(await page.GetByLabel("Vorname").EvaluateAsync<bool>("e => e.hasAttribute('aria-invalid')"));

        await CodexSite.SaveScreenshotAsync(page, "person-new-invalid-email-desktop");

        // "Next to the field": directly below the email input, not somewhere else on the page.
        var field = await email.BoundingBoxAsync();
        var message = await error.BoundingBoxAsync();
        Assert.NotNull(field);
        Assert.NotNull(message);
        Assert.InRange(message.Y - (field.Y + field.Height), 0, 24);
        Assert.InRange(message.X - field.X, -1, 1);

        await Expect(page.GetByLabel("Vorname")).ToHaveValueAsync("Ida");
        await Expect(page.GetByLabel("Nachname")).ToHaveValueAsync("Ungültig");
        await Expect(email).ToHaveValueAsync("ida.ungueltig-at-example");
        await Expect(page.GetByLabel("Bevorzugte Sprache")).ToHaveValueAsync("en");

        // Nothing was saved.
        await page.GotoAsync("/people?search=Ungültig");
        await Expect(page.Locator("#people-count")).ToHaveTextAsync("0 Personen gefunden");
    }

    [Fact]
    public async Task An_admin_adds_a_new_person_to_a_team_and_sees_them_in_its_members_table()
    {
        var page = await Site.SignedInPageAsync(DemoLogins.Admin);
        const string email = "tarek.brueckner@sozialwerk-rheinaue.example";
        await CreatePersonAsync(page, "Tarek", "Brückner", email);

        await page.GotoAsync("/org");
        await page.GetByRole(AriaRole.Link, new() { Name = "Jugendtreff Mitte", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Jugendtreff Mitte" })).ToBeVisibleAsync();
        var members = page.GetByRole(AriaRole.Table, new() { Name = "Mitglieder" });
        await Expect(members.GetByRole(AriaRole.Row)).ToHaveCountAsync(1 + 5);
        await Expect(members.GetByRole(AriaRole.Row).Filter(new() { HasText = "Tarek Brückner" })).ToHaveCountAsync(0);

        await page.GetByLabel("E-Mail-Adresse der Person").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mitglied hinzufügen" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Die Mitglieder wurden geändert.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Mitglieder (6)" })).ToBeVisibleAsync();
        var row = members.GetByRole(AriaRole.Row).Filter(new() { HasText = "Tarek Brückner" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync("Tarek Brückner");
        await Expect(row.GetByRole(AriaRole.Cell).Nth(0)).ToHaveTextAsync("Mitglied");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Tarek Brückner entfernen" })).ToBeVisibleAsync();
        AssertNoBrowserErrors(page);
    }

    [Fact]
    public async Task Adding_an_unknown_email_to_a_team_explains_that_no_such_person_exists()
    {
        var page = await Site.SignedInPageAsync(DemoLogins.Admin);
        await page.GotoAsync("/org");
        await page.GetByRole(AriaRole.Link, new() { Name = "Schuldnerberatung", Exact = true }).ClickAsync();

        await page.GetByLabel("E-Mail-Adresse der Person").FillAsync("niemand@sozialwerk-rheinaue.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mitglied hinzufügen" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            "Es gibt keine aktive Person mit der E-Mail-Adresse „niemand@sozialwerk-rheinaue.example“.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Mitglieder (5)" })).ToBeVisibleAsync();
        // What was typed stays, so a typo can be corrected.
        await Expect(page.GetByLabel("E-Mail-Adresse der Person")).ToHaveValueAsync("niemand@sozialwerk-rheinaue.example");
    }

    [Fact]
    public async Task HR_marks_a_person_as_left_after_confirming_and_sees_the_status_change()
    {
        var page = await Site.SignedInPageAsync(DemoLogins.HumanResources);
        await CreatePersonAsync(page, "Paula", "Abschied", "paula.abschied@sozialwerk-rheinaue.example");
        await page.GetByRole(AriaRole.Link, new() { Name = "Paula Abschied bearbeiten" }).ClickAsync();
        await Expect(page.Locator("#person-status")).ToHaveTextAsync("Status: aktiv");

        // The first click only opens the question; the second one confirms.
        await page.GetByText("Ausscheiden lassen …").ClickAsync();
        await Expect(page.GetByText("Soll Paula Abschied wirklich ausscheiden?")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, ausscheiden lassen" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Die Person ist ausgeschieden.");
        await Expect(page.Locator("#person-status")).ToHaveTextAsync("Status: ausgeschieden");
        await Expect(page.GetByText("Zurückholen …")).ToBeVisibleAsync();
        AssertNoBrowserErrors(page);
    }

    private static async Task CreatePersonAsync(IPage page, string firstName, string lastName, string email)
    {
        await page.GotoAsync("/people");
        await page.GetByRole(AriaRole.Link, new() { Name = "Person anlegen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Person anlegen" })).ToBeVisibleAsync();

        await page.GetByLabel("Vorname").FillAsync(firstName);
        await page.GetByLabel("Nachname").FillAsync(lastName);
        await page.GetByLabel("E-Mail-Adresse").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();

        // After saving, the list shows the new person.
        await Expect(page).ToHaveURLAsync(new Regex("/people\\?search="));
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = email, Exact = true })).ToBeVisibleAsync();
    }
}
