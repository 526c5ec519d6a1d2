using Codex.Host.Identity;
using Codex.Testing;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace Codex.EndToEndTests;

/// <summary>
/// The demo organisation's people and teams, but none of its demo logins: nobody can sign in
/// until the operator creates the first administrator.
/// </summary>
public sealed class FirstDaySite : CodexSite
{
    protected override void ConfigureHost(CodexApplicationFactory factory) => factory.Settings["Demo:Accounts"] = "false";
}

/// <summary>A real organisation's first day, in the browser: from the operator's command to a member's first response.</summary>
public sealed class FirstDayTests(FirstDaySite site) : IClassFixture<FirstDaySite>, IAsyncLifetime
{
    private const string Password = "Morgens erst Kaffee, dann Tourenplan";

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => site.CloseContextsAsync();

    [Fact]
    public async Task The_admin_from_the_command_invites_a_team_and_a_member_follows_the_mail_sets_a_password_and_responds_to_a_round()
    {
        // The operator's command prints a one-time link; the admin opens it and sets a password.
        var (created, errors) = await AdminCommandLine.CreateAsync(site.Factory.Services, "greta.fuchs@sozialwerk-rheinaue.example", "Greta Fuchs");
        Assert.Null(errors);
        var admin = await site.NewPageAsync();
        await admin.GotoAsync(created!.ActivationPath!);
        await SetPasswordAsync(admin);
        await Expect(admin.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToBeVisibleAsync();

        // The admin opens a review round in Pflegeteam Nord's codex: draft, proposal, round.
        await admin.GotoAsync("/codex");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Pflegeteam Nord", Exact = true }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Kodex aus Vorlage anlegen" }).ClickAsync();
        await admin.Locator("#text-1").FillAsync("Wir antworten werktags innerhalb eines Tages.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Entwurf speichern" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Der Entwurf wurde gespeichert.");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Als Änderung vorschlagen" }).ClickAsync();
        await admin.GetByLabel("Titel des Vorschlags").FillAsync("Erste Fassung");
        await admin.GetByLabel("Begründung").FillAsync("Damit alle wissen, wie wir arbeiten.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Vorschlag einreichen" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Review-Runde starten" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Die Review-Runde ist eröffnet.");

        // The admin invites the whole team from its unit page.
        await admin.GotoAsync("/org");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Pflegeteam Nord", Exact = true }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Alle ohne Konto einladen" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Einladungen verschickt:");
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Konten und Einladungen" })).ToBeVisibleAsync();
        await Expect(admin.Locator("tr[data-person]").Filter(new() { HasText = "Mehmet Yılmaz" })).ToContainTextAsync("eingeladen am");
        await Expect(admin.Locator("#account-audit")).ToContainTextAsync("Greta Fuchs");

        // The member follows the mail's link on the phone, sets a password and lands on the home page.
        var link = await InvitationLinkAsync("mehmet.yilmaz@sozialwerk-rheinaue.example");
        var member = await site.NewPageAsync(Device.Phone);
        await member.GotoAsync(link);
        await Expect(member.GetByText("Willkommen bei Codex, Mehmet Yılmaz.", new() { Exact = false })).ToBeVisibleAsync();
        await SetPasswordAsync(member);
        await Expect(member).ToHaveURLAsync(new Regex("/$"));
        var round = member.GetByRole(AriaRole.Link, new() { Name = "Review-Runde zum Teamkodex „Pflegeteam Nord“" });
        await Expect(round).ToBeVisibleAsync();

        // ... and responds.
        await round.ClickAsync();
        await member.GetByLabel("Zustimmung", new() { Exact = true }).CheckAsync();
        await member.GetByRole(AriaRole.Button, new() { Name = "Rückmeldung senden" }).ClickAsync();
        await Expect(member.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Ihre Rückmeldung wurde gespeichert.");

        // The link is used up.
        var again = await site.NewPageAsync();
        await again.GotoAsync(link);
        await Expect(again.GetByText("Diese Einladung wurde bereits angenommen.", new() { Exact = false })).ToBeVisibleAsync();
        Assert.Empty(await PageChecks.AccessibilityProblemsAsync(member));
    }

    private static async Task SetPasswordAsync(IPage page)
    {
        await page.GetByLabel("Neues Passwort", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Neues Passwort wiederholen").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Passwort festlegen und anmelden" }).ClickAsync();
    }

    /// <summary>The app path of the invitation link in the mail the pickup transport wrote for the address.</summary>
    private async Task<string> InvitationLinkAsync(string address)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            foreach (var file in Directory.Exists(site.Factory.PickupFolder) ? Directory.GetFiles(site.Factory.PickupFolder, "*.eml") : [])
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase))
                    && message.Subject == "Ihr Zugang zu Codex"
                    && Regex.Match(message.TextBody ?? "", """https?://[^/\s]+(?<path>/Account/Activate\?token=[^\s]+)""") is { Success: true } match)
                {
                    return match.Groups["path"].Value;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"No invitation to {address} in {site.Factory.PickupFolder} within 30 s.");
            await Task.Delay(200);
        }
    }
}
