using System.Net;
using System.Text.RegularExpressions;
using Codex.Host.Identity;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using Codex.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.IntegrationTests.Accounts;

/// <summary>
/// Two-factor sign-in with an authenticator app: codes computed here from the key the setup page
/// shows (RFC 6238), each accepted once, one 30-second step early or late; ten recovery codes that
/// work once each; a remembered device skips the second step; an admin's reset is audited and ends
/// the sessions; HR (required here by the settings) is led to setup and reaches nothing else before.
/// </summary>
public abstract partial class TwoFactorTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    protected override void ConfigureHost(CodexApplicationFactory factory)
    {
        factory.Settings["Security:SignInAttemptsPerMinute"] = "1000";
        factory.Settings["Security:TwoFactor:RememberDeviceDays"] = "14";
        // Only HR here: the demo admin signs in with a password alone and resets others' 2FA.
        factory.Settings["Security:TwoFactor:RequiredForRoles"] = CodexRoles.HR;
    }

    [Fact]
    public async Task After_the_password_the_second_step_accepts_a_fresh_code_once_and_refuses_its_replay()
    {
        var (email, _) = await NewAccountAsync();
        var laptop = await Factory.SignInAsync(email, AccountTesting.StrongPassword);
        var phone = await Factory.SignInAsync(email, AccountTesting.StrongPassword);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/me/two-factor")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/me/password")).StatusCode); // looking at the setup ends nothing
        var (key, setupCode, _) = await SetUpAsync(laptop, stepOffset: 0);

        var browser = Factory.CreateAnonymousClient();
        var password = await PasswordStepAsync(browser, email);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/Account/LoginWith2fa", password.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/me/two-factor")).StatusCode); // not signed in yet

        // The code that confirmed the setup was used: refused while it is still valid (the exact code, not
        // today's step's: on a slow machine the 30 seconds may have turned since the setup).
        Assert.Contains("schon verwendet", await (await CodeStepAsync(browser, setupCode)).TextAsync(), StringComparison.Ordinal);

        var step = await AuthenticatorApp.StepWithTimeToSpareAsync();
        var fresh = AuthenticatorApp.CodeFor(key, step + 1);
        var signedIn = await CodeStepAsync(browser, fresh);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/me/two-factor")).StatusCode);

        // Someone who watched the code being typed, on another device, a second later.
        var onlooker = Factory.CreateAnonymousClient();
        await PasswordStepAsync(onlooker, email);
        var replay = await CodeStepAsync(onlooker, fresh);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("schon verwendet", await replay.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await onlooker.GetAsync("/me/two-factor")).StatusCode);
    }

    [Fact]
    public async Task Guessing_codes_is_slowed_down_like_guessing_passwords_with_the_normal_page_and_a_message()
    {
        var (email, _) = await NewAccountAsync();
        var owner = await Factory.SignInAsync(email, AccountTesting.StrongPassword);
        var (key, _, _) = await SetUpAsync(owner, stepOffset: 0);
        var guesser = Factory.CreateAnonymousClient();
        await PasswordStepAsync(guesser, email);
        var step = await AuthenticatorApp.StepWithTimeToSpareAsync();
        var wrong = AuthenticatorApp.CodeFor(key, step + 10);

        HttpResponseMessage? limited = null;
        for (var attempt = 1; attempt <= 10 && limited is null; attempt++)
        {
            var response = await CodeStepAsync(guesser, wrong);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                Assert.Contains("stimmt nicht", await response.TextAsync(), StringComparison.Ordinal);
            }
        }

        Assert.NotNull(limited);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal("text/html", limited.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Zu viele Versuche", await limited.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_one_step_early_or_late_is_accepted_three_steps_away_it_is_refused()
    {
        var (email, _) = await NewAccountAsync();
        var client = await Factory.SignInAsync(email, AccountTesting.StrongPassword);
        var page = await client.GetStringAsync("/me/two-factor");
        var key = KeyOn(page);

        foreach (var offset in new[] { -3, 3 })
        {
            var step = await AuthenticatorApp.StepWithTimeToSpareAsync();
            var refused = await EnableAsync(client, AuthenticatorApp.CodeFor(key, step + offset));
            Assert.Contains("Der Code stimmt nicht", await refused.TextAsync(), StringComparison.Ordinal);
        }

        // A phone whose clock is 30 seconds behind: the setup takes its code.
        var behind = await AuthenticatorApp.StepWithTimeToSpareAsync();
        var enabled = await EnableAsync(client, AuthenticatorApp.CodeFor(key, behind - 1));
        Assert.Contains("ist eingeschaltet", await enabled.TextAsync(), StringComparison.Ordinal);

        var browser = Factory.CreateAnonymousClient();
        await PasswordStepAsync(browser, email);
        var late = await AuthenticatorApp.StepWithTimeToSpareAsync();
        Assert.Contains("Der Code stimmt nicht", await (await CodeStepAsync(browser, AuthenticatorApp.CodeFor(key, late + 3))).TextAsync(), StringComparison.Ordinal);
        // A phone 30 seconds ahead.
        late = await AuthenticatorApp.StepWithTimeToSpareAsync();
        var accepted = await CodeStepAsync(browser, AuthenticatorApp.CodeFor(key, late + 1));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/", accepted.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Ten_recovery_codes_are_shown_once_and_each_signs_in_once()
    {
        var (email, _) = await NewAccountAsync();
        var account = await Factory.SignInAsync(email, AccountTesting.StrongPassword);
        var (_, _, codes) = await SetUpAsync(account, stepOffset: 0);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.DoesNotContain(codes[0], await account.GetStringAsync("/me/two-factor"), StringComparison.Ordinal);

        var phoneLost = Factory.CreateAnonymousClient();
        await PasswordStepAsync(phoneLost, email);
        Assert.Equal(HttpStatusCode.Redirect, (await CodeStepAsync(phoneLost, codes[0])).StatusCode);
        Assert.Contains("Noch nicht verwendete Wiederherstellungscodes: 9", await phoneLost.PageTextAsync("/me/two-factor"), StringComparison.Ordinal);

        var again = Factory.CreateAnonymousClient();
        await PasswordStepAsync(again, email);
        Assert.Contains("Der Code stimmt nicht", await (await CodeStepAsync(again, codes[0])).TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await CodeStepAsync(again, codes[1])).StatusCode);
        Assert.Contains("Noch nicht verwendete Wiederherstellungscodes: 8", await again.PageTextAsync("/me/two-factor"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_remembered_device_skips_the_second_step_until_an_admin_resets_two_factor_which_is_audited_and_ends_the_sessions()
    {
        var (email, personId) = await NewAccountAsync();
        var (key, _, _) = await SetUpAsync(await Factory.SignInAsync(email, AccountTesting.StrongPassword), stepOffset: 0);

        var device = Factory.CreateAnonymousClient();
        await PasswordStepAsync(device, email);
        var loginPage = await device.GetStringAsync("/Account/LoginWith2fa");
        Assert.Contains("Dieses Gerät für 14 Tage merken", System.Net.WebUtility.HtmlDecode(loginPage), StringComparison.Ordinal);
        var step = await AuthenticatorApp.StepWithTimeToSpareAsync();
        var remembered = await CodeStepAsync(device, AuthenticatorApp.CodeFor(key, step + 1), rememberDevice: true);
        Assert.Equal(HttpStatusCode.Redirect, remembered.StatusCode);
        await SignOutAsync(device);

        var back = await PasswordStepAsync(device, email);
        Assert.Equal("/", back.Headers.Location?.OriginalString); // no second step on this device
        var other = Factory.CreateAnonymousClient();
        Assert.StartsWith("/Account/LoginWith2fa", (await PasswordStepAsync(other, email)).Headers.Location?.OriginalString, StringComparison.Ordinal);

        var admin = await AdminAsync();
        var reset = await admin.PostAsync(
            $"/admin/accounts?handler=ResetTwoFactor&personId={personId}",
            new FormUrlEncodedContent([new("__RequestVerificationToken", await CodexApplicationFactory.AntiforgeryTokenAsync(admin, "/admin/accounts"))]));
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(1, await AuditCountAsync(personId, AccountAuditAction.TwoFactorReset));
        Assert.Contains("Zwei-Faktor-Anmeldung zurückgesetzt", await admin.PageTextAsync("/admin/accounts"), StringComparison.Ordinal);

        // The session on the remembered device has ended; signing in needs the password only, and
        // the setup page offers a new key (the one in the lost phone is worthless).
        var ended = await device.GetAsync("/me/two-factor");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.StartsWith("/Account/Login", ended.Headers.Location?.PathAndQuery ?? ended.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal("/", (await PasswordStepAsync(device, email)).Headers.Location?.OriginalString);
        Assert.NotEqual(key, KeyOn(await device.GetStringAsync("/me/two-factor")));
    }

    [Fact]
    public async Task An_HR_account_without_two_factor_is_led_to_setup_and_reaches_nothing_else_until_it_is_done()
    {
        var (email, _) = await NewAccountAsync(CodexRoles.HR);
        var hr = await Factory.SignInAsync(email, AccountTesting.StrongPassword);

        foreach (var path in new[] { "/", "/admin/accounts", "/me/password" })
        {
            var response = await hr.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/me/two-factor", response.Headers.Location?.OriginalString);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await hr.GetAsync("/api/accounts")).StatusCode);
        Assert.Contains("verlangt für Ihre Rolle die Zwei-Faktor-Anmeldung", await hr.PageTextAsync("/me/two-factor"), StringComparison.Ordinal);

        await SetUpAsync(hr, stepOffset: 0);
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync("/api/accounts")).StatusCode);
        Assert.Contains("kann nicht ausgeschaltet werden", await hr.PageTextAsync("/me/two-factor"), StringComparison.Ordinal);
    }

    // --- helpers ---------------------------------------------------------------------------

    /// <summary>An activated account with <see cref="AccountTesting.StrongPassword"/> (the invitation flow is tested elsewhere).</summary>
    private async Task<(string Email, Guid PersonId)> NewAccountAsync(string? role = null)
    {
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CodexAccount>>();
        var email = $"zwei-faktor-{Guid.NewGuid():N}@codex-tests.example";
        var account = new CodexAccount
        {
            Id = Guid.NewGuid(), PersonId = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true,
            DisplayName = "Zoe Zweifaktor", CreatedAt = DateTimeOffset.UtcNow, ActivatedAt = DateTimeOffset.UtcNow,
        };
        Assert.True((await users.CreateAsync(account, AccountTesting.StrongPassword)).Succeeded);
        if (role is not null)
        {
            Assert.True((await users.AddToRoleAsync(account, role)).Succeeded);
        }

        return (email, account.PersonId);
    }

    /// <summary>Reads the key on the setup page, confirms with a code and keeps the recovery codes shown.</summary>
    /// <summary>Sets the app up; returns its key, the code that confirmed the setup, and the recovery codes.</summary>
    private static async Task<(string Key, string SetupCode, IReadOnlyList<string> RecoveryCodes)> SetUpAsync(HttpClient client, int stepOffset)
    {
        var key = KeyOn(await client.GetStringAsync("/me/two-factor"));
        var step = await AuthenticatorApp.StepWithTimeToSpareAsync();
        var code = AuthenticatorApp.CodeFor(key, step + stepOffset);
        var html = await (await EnableAsync(client, code)).Content.ReadAsStringAsync();
        var list = RecoveryListPattern().Match(html);
        Assert.True(list.Success, "No recovery codes shown after the setup.");
        return (key, code, [.. CodePattern().Matches(list.Value).Select(m => m.Groups[1].Value)]);
    }

    private static Task<HttpResponseMessage> EnableAsync(HttpClient client, string code) =>
        client.SubmitPageFormAsync("/me/two-factor", "/me/two-factor?handler=Enable", ("Code", code));

    private static string KeyOn(string html) =>
        KeyPattern().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No key on the setup page.");

    private static async Task<HttpResponseMessage> PasswordStepAsync(HttpClient client, string email)
    {
        var html = await client.GetStringAsync("/Account/Login");
        return await client.PostAsync("/Account/Login", HtmlForm.Submit(html, "", ("Input.Email", email), ("Input.Password", AccountTesting.StrongPassword)));
    }

    private static Task<HttpResponseMessage> CodeStepAsync(HttpClient client, string code, bool rememberDevice = false) =>
        rememberDevice
            ? client.SubmitPageFormAsync("/Account/LoginWith2fa", "", ("Code", code), ("RememberDevice", "true"))
            : client.SubmitPageFormAsync("/Account/LoginWith2fa", "", ("Code", code));

    private static async Task SignOutAsync(HttpClient client)
    {
        var token = await CodexApplicationFactory.AntiforgeryTokenAsync(client, "/me/two-factor");
        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/me/two-factor")).StatusCode);
    }

    private async Task<int> AuditCountAsync(Guid personId, AccountAuditAction action)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CodexIdentityDbContext>();
        return await db.AuditEntries.CountAsync(a => a.SubjectPersonId == personId && a.Action == action);
    }

    [GeneratedRegex("""id="authenticator-key"[^>]*>([^<]+)<""")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("""<ul id="recovery-codes".*?</ul>""", RegexOptions.Singleline)]
    private static partial Regex RecoveryListPattern();

    [GeneratedRegex("""<code>([^<]+)</code>""")]
    private static partial Regex CodePattern();
}

[Collection(IntegrationCollection.Name)]
public sealed class TwoFactorTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : TwoFactorTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class TwoFactorTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : TwoFactorTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
