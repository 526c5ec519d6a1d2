using System.Globalization;
using System.Security.Cryptography;
using Codex.Testing;
using Microsoft.Playwright;

namespace Codex.EndToEndTests;

/// <summary>
/// A member switches on two-factor sign-in as a person with an authenticator app would: reads the
/// key off the page (the app here is a few lines of RFC 6238 below), confirms with a code, keeps the
/// recovery codes, signs out and back in with a code. Its own site: the demo member's account changes.
/// </summary>
public sealed class TwoFactorSignInTests(CodexSite site) : BrowserTest(site)
{
    [Fact]
    public async Task A_member_sets_up_an_authenticator_app_keeps_the_recovery_codes_and_signs_in_again_with_a_code()
    {
        var page = await Site.NewPageAsync();
        await CodexSite.SignInThroughFormAsync(page, DemoLogins.Member, DemoLogins.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Zwei-Faktor-Anmeldung" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Zwei-Faktor-Anmeldung" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR-Code zum Einrichten der Authenticator-App" }).Locator("svg")).ToBeVisibleAsync();
        Assert.Empty(await PageChecks.AccessibilityProblemsAsync(page));
        await CodexSite.SaveScreenshotAsync(page, "two-factor-setup-desktop");
        var key = (await page.Locator("#authenticator-key").InnerTextAsync()).Trim();
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", key);

        var step = await StepWithTimeToSpareAsync();
        await page.GetByLabel("Code aus der App", new() { Exact = true }).FillAsync(Code(key, step));
        await page.GetByRole(AriaRole.Button, new() { Name = "Bestätigen und einschalten" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ihre Wiederherstellungscodes" })).ToBeVisibleAsync();
        var recoveryCodes = await page.Locator("#recovery-codes code").AllInnerTextsAsync();
        Assert.Equal(10, recoveryCodes.Distinct().Count());
        await page.GetByRole(AriaRole.Link, new() { Name = "Ich habe die Codes gesichert" }).ClickAsync();
        await Expect(page.Locator("#two-factor-state")).ToContainTextAsync("Noch nicht verwendete Wiederherstellungscodes: 10");

        await page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();
        await CodexSite.SignInThroughFormAsync(page, DemoLogins.Member, DemoLogins.Password);
        await Expect(page).ToHaveURLAsync(new Regex("/Account/LoginWith2fa", RegexOptions.IgnoreCase));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Bestätigungscode" })).ToBeVisibleAsync();
        Assert.Empty(await PageChecks.AccessibilityProblemsAsync(page));

        // The setup used this step's code; the app shows the next one 30 seconds later (one step ahead is accepted).
        step = await StepWithTimeToSpareAsync();
        await page.GetByLabel("Code aus der App oder Wiederherstellungscode").FillAsync(Code(key, step + 1));
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Willkommen, Mehmet Yılmaz!" })).ToBeVisibleAsync();
        AssertNoBrowserErrors(page);
    }

    [Fact]
    public async Task The_setup_page_fits_a_phone_screen()
    {
        var page = await Site.SignedInPageAsync(DemoLogins.TeamLead, Device.Phone);
        await page.GotoAsync("/me/two-factor");

        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR-Code zum Einrichten der Authenticator-App" })).ToBeVisibleAsync();
        Assert.Empty(await PageChecks.HorizontalScrollingAsync(page));
        Assert.Empty(await PageChecks.AccessibilityProblemsAsync(page));
        await CodexSite.SaveScreenshotAsync(page, "two-factor-setup-phone");
        AssertNoBrowserErrors(page);
    }

    /// <summary>RFC 6238 with HMAC-SHA1, six digits, from the Base32 key as the page shows it.</summary>
    private static string Code(string base32Key, long step)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(base32Key.ToUpperInvariant().Where(c => c != ' ')
            .Select(c => Convert.ToString(alphabet.IndexOf(c, StringComparison.Ordinal), 2).PadLeft(5, '0')));
        var secret = Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

        var hash = HMACSHA1.HashData(secret, counter);
        var offset = hash[^1] & 0x0f;
        var value = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>The current 30-second step, once at least a few seconds of it are left (waits at most those seconds).</summary>
    private static async Task<long> StepWithTimeToSpareAsync()
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(35);
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            var left = 30 - (now.ToUnixTimeMilliseconds() % 30_000) / 1000.0;
            if (left >= 4 || now > deadline)
            {
                return now.ToUnixTimeSeconds() / 30;
            }

            await Task.Delay(TimeSpan.FromSeconds(left + 0.1));
        }
    }
}
