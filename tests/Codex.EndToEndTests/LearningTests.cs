using System.Text.Json;
using System.Text.RegularExpressions;
using Codex.Testing;
using Microsoft.Playwright;

namespace Codex.EndToEndTests;

/// <summary>The Learning module in Chromium: HR designs and assigns, the member learns, the lead signs off, the gap closes.</summary>
public sealed partial class LearningTests(CodexSite site) : BrowserTest(site)
{
    [Fact]
    public async Task HR_assigns_a_path_to_a_role_the_member_completes_it_the_lead_signs_off_and_the_gap_closes()
    {
        const string title = "Messenger im Pflegealltag";
        var hr = await Site.SignedInPageAsync(DemoLogins.HumanResources);
        await hr.GotoAsync("/learning/paths");
        await hr.GetByRole(AriaRole.Link, new() { Name = "Neuer Lernpfad" }).ClickAsync();
        await hr.Locator("#Data_Title").FillAsync(title);
        await hr.Locator("#Data_Description").FillAsync("Absprachen im Team sicher über den Dienst-Messenger.");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Speichern" }).ClickAsync();
        await Expect(hr).ToHaveURLAsync(EditAddress());

        await hr.Locator("#StepData_Title").FillAsync("Kurzanleitung lesen");
        await hr.Locator("#StepData_Kind").SelectOptionAsync("Reading");
        await hr.Locator("#StepData_EffortMinutes").FillAsync("10");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Schritt hinzufügen" }).ClickAsync();
        await hr.Locator("#StepData_Title").FillAsync("Nachricht im Team verschicken");
        await hr.Locator("#StepData_Kind").SelectOptionAsync("PracticeTask");
        await hr.Locator("#StepData_TargetToolId").SelectOptionAsync(new SelectOptionValue { Label = "Dienst-Messenger" });
        await hr.Locator("#StepData_TargetLevel").FillAsync("4");
        await hr.Locator("#StepData_RequiresSignOff").CheckAsync();
        await hr.GetByRole(AriaRole.Button, new() { Name = "Schritt hinzufügen" }).ClickAsync();
        await Expect(hr.Locator(".step-list > li")).ToHaveCountAsync(2);
        await AssertAccessibleAsync(hr);

        await hr.GetByRole(AriaRole.Link, new() { Name = "Rollen zuweisen" }).First.ClickAsync();
        await hr.GetByLabel("Rolle", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Pflegefachkraft" });
        await hr.GetByLabel("Frist (Tage nach Rollenübernahme)").FillAsync("30");
        await hr.GetByRole(AriaRole.Button, new() { Name = "Zuweisen" }).ClickAsync();
        await Expect(hr.GetByRole(AriaRole.Status)).ToContainTextAsync("Personen neu eingeschrieben");
        await Expect(hr.GetByRole(AriaRole.Row).Filter(new() { HasText = "Pflegefachkraft" })).ToContainTextAsync("30 Tage");
        await AssertAccessibleAsync(hr);

        // The member sees the path with its progress bar and works through it.
        var member = await Site.SignedInPageAsync(DemoLogins.Member);
        await member.GotoAsync("/learning");
        var card = member.Locator(".card").Filter(new() { Has = member.GetByRole(AriaRole.Heading, new() { Name = title }) });
        await Expect(card).ToContainTextAsync("Noch nicht begonnen");
        await Expect(card).ToContainTextAsync("0 von 2 Schritten erledigt (0 %)");
        await Expect(card).ToContainTextAsync("Kurzanleitung lesen");
        await AssertAccessibleAsync(member);
        await card.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();

        await member.GetByRole(AriaRole.Button, new() { Name = "Als erledigt melden" }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Status)).ToHaveTextAsync("Gespeichert.");
        await member.GetByLabel("Nachweis (Notiz oder Link, freiwillig)").FillAsync("Nachricht an das Team am Montag");
        await member.GetByRole(AriaRole.Button, new() { Name = "Zur Bestätigung einreichen" }).ClickAsync();
        await Expect(member.Locator(".step-list > li").Nth(1)).ToContainTextAsync("Wartet auf Bestätigung");
        await AssertAccessibleAsync(member);

        // The lead of the member's team signs off from the queue.
        var lead = await Site.SignedInPageAsync(DemoLogins.TeamLead);
        await lead.GotoAsync("/learning/sign-offs");
        var row = lead.GetByRole(AriaRole.Row).Filter(new() { HasText = "Nachricht im Team verschicken" });
        await Expect(row).ToContainTextAsync("Mehmet Yılmaz");
        await Expect(row).ToContainTextAsync("Nachricht an das Team am Montag");
        await AssertAccessibleAsync(lead);
        await row.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(lead.GetByRole(AriaRole.Status)).ToHaveTextAsync("Bestätigt.");

        await member.ReloadAsync();
        await Expect(member.Locator("main")).ToContainTextAsync("2 von 2 Schritten erledigt (100 %)");
        await Expect(member.Locator("main .badge").First).ToHaveTextAsync("Abgeschlossen");

        // LearningStepCompleted reaches Skills through the outbox: the messenger gap is gone.
        var me = JsonDocument.Parse(await (await member.APIRequest.GetAsync("/api/skills/me")).TextAsync()).RootElement.GetProperty("personId").GetString();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string gaps;
        do
        {
            gaps = await (await member.APIRequest.GetAsync($"/api/skills/people/{me}/gaps")).TextAsync();
            if (!gaps.Contains("Dienst-Messenger", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);

        Assert.DoesNotContain("Dienst-Messenger", gaps, StringComparison.Ordinal);
        AssertNoBrowserErrors(member);
        AssertNoBrowserErrors(lead);
        AssertNoBrowserErrors(hr);
    }

    [Theory]
    [InlineData("/learning/print")]
    [InlineData("/learning/dashboard")]
    [InlineData("/learning/paths")]
    public async Task The_learning_screen_meets_the_accessibility_basics_and_fits_a_phone(string address)
    {
        var page = await Site.SignedInPageAsync(DemoLogins.HumanResources, Device.Phone);
        await page.GotoAsync(address);

        await AssertAccessibleAsync(page);
        Assert.Empty(await PageChecks.HorizontalScrollingAsync(page));
        AssertNoBrowserErrors(page);
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var problems = await PageChecks.AccessibilityProblemsAsync(page);
        Assert.True(problems.Count == 0, $"{page.Url}:{PageChecks.Describe(problems)}");
    }

    [GeneratedRegex("/learning/paths/edit/[0-9a-f-]{36}$")]
    private static partial Regex EditAddress();
}
