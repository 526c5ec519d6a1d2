using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Codex.Host.Identity;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;
using Codex.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.IntegrationTests.Accounts;

/// <summary>
/// Sessions end on the server: each sign-in is a session row, the cookie only names it. Signing
/// out, a password change, an administrator's "sign out everywhere", leaving the organisation and
/// the absolute lifetime end it, so even a copy of the cookie (taken from a shared computer) is
/// refused afterwards. "Angemeldete Geräte" lists a person's sessions and ends them.
/// </summary>
public abstract partial class SessionTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : HostTest(provider, postgres, host)
{
    private const string FirefoxOnWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
    private const string ChromeOnAndroid = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

    protected override void ConfigureHost(CodexApplicationFactory factory)
    {
        factory.Settings["Security:SignInAttemptsPerMinute"] = "1000";
        factory.Settings["Notifications:Transport"] = "Smtp";
        factory.Settings["Notifications:Smtp:Host"] = smtp.Server.Host;
        factory.Settings["Notifications:Smtp:Port"] = smtp.Server.Port.ToString(CultureInfo.InvariantCulture);
        factory.Settings["Notifications:Smtp:Security"] = "None";
        factory.Settings["Notifications:BaseUrl"] = "https://codex.sozialwerk-rheinaue.example/";
        factory.Settings["Notifications:QuietHours:From"] = "00:00";
        factory.Settings["Notifications:QuietHours:To"] = "00:00";
        factory.Settings["Notifications:QuietHours:Weekends"] = "false";
    }

    [Fact]
    public async Task Signing_out_ends_the_session_on_the_server_so_a_copied_cookie_is_refused()
    {
        var (email, _) = await ActivatedPersonAsync();
        var (browser, cookie) = await SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(cookie, "/me/password"));

        var signedOut = await browser.SubmitPageFormAsync("/me/password", "/Account/Logout");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, await WithCookieAsync(cookie, "/me/password"));
        Assert.Equal(HttpStatusCode.Unauthorized, await WithCookieAsync(cookie, "/api/accounts"));
    }

    [Fact]
    public async Task Changing_the_password_refuses_a_copied_cookie_of_every_earlier_session()
    {
        var (email, _) = await ActivatedPersonAsync();
        var (office, officeCookie) = await SignInAsync(email);
        var (_, phoneCookie) = await SignInAsync(email);

        const string newPassword = "Ein Satz für das neue Passwort";
        var changed = await office.SubmitPageFormAsync("/me/password", "", ("CurrentPassword", AccountTesting.StrongPassword), ("Password", newPassword), ("PasswordRepeat", newPassword));
        Assert.Contains("Ihr Passwort ist geändert", await changed.TextAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/me/password")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await WithCookieAsync(phoneCookie, "/me/password"));
        Assert.Equal(HttpStatusCode.Redirect, await WithCookieAsync(officeCookie, "/me/password"));
        Assert.Single(await SessionRowsAsync(office));
    }

    [Fact]
    public async Task An_admin_signs_a_person_out_everywhere_at_once_and_it_is_audited()
    {
        var (email, personId) = await ActivatedPersonAsync();
        var (first, firstCookie) = await SignInAsync(email);
        var (_, secondCookie) = await SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/me/password")).StatusCode);

        var admin = await AdminAsync();
        var page = await admin.PageTextAsync("/admin/accounts");
        Assert.Contains("überall abmelden", page, StringComparison.Ordinal);
        var done = await admin.PostAsync($"/admin/accounts?handler=SignOutEverywhere&personId={personId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await CodexApplicationFactory.AntiforgeryTokenAsync(admin, "/admin/accounts"),
            ["returnUrl"] = "/admin/accounts",
        }));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, await WithCookieAsync(firstCookie, "/me/password"));
        Assert.Equal(HttpStatusCode.Redirect, await WithCookieAsync(secondCookie, "/me/password"));
        Assert.Equal(HttpStatusCode.Redirect, (await first.GetAsync("/me/password")).StatusCode);
        Assert.Equal(1, await AuditCountAsync(personId, AccountAuditAction.SignedOutEverywhere));
        Assert.Contains("überall abgemeldet", await admin.PageTextAsync("/admin/accounts"), StringComparison.Ordinal);

        // Signing in again works at once: nothing is locked.
        await SignInAsync(email);
    }

    [Fact]
    public async Task Leaving_the_organisation_refuses_a_copied_cookie_and_ends_the_session_rows()
    {
        var (email, personId) = await ActivatedPersonAsync();
        var (_, cookie) = await SignInAsync(email);

        var hr = await HumanResourcesAsync();
        var version = (await hr.GetOkAsync<JsonElement>($"/api/org/people/{personId}")).GetProperty("version").GetInt32();
        await (await hr.PostAsJsonAsync($"/api/org/people/{personId}/deactivate", new { version })).AssertStatusAsync(HttpStatusCode.NoContent);

        await Eventually.HoldsAsync(() => WithCookieAsync(cookie, "/me/password"), s => s == HttpStatusCode.Redirect, TimeSpan.FromSeconds(30), "the copied cookie is refused");
        Assert.Equal(0, await OpenSessionCountAsync(personId));
    }

    [Fact]
    public async Task A_session_ends_at_its_absolute_expiry_however_active_it_is()
    {
        var (email, personId) = await ActivatedPersonAsync();
        var (browser, cookie) = await SignInAsync(email);
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CodexIdentityDbContext>();
            var session = await SessionsOf(db, personId).SingleAsync();
            Assert.Equal(TimeSpan.FromHours(12), session.ExpiresAt - session.CreatedAt); // Security:Session:AbsoluteHours
        }

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/me/password")).StatusCode);

        // Twelve hours later (the cookie itself would still be valid: it slides).
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CodexIdentityDbContext>();
            var session = await SessionsOf(db, personId).SingleAsync();
            db.Entry(session).Property(s => s.ExpiresAt).CurrentValue = DateTimeOffset.UtcNow.AddSeconds(-1);
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.Redirect, await WithCookieAsync(cookie, "/me/password"));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/me/password")).StatusCode);
    }

    [Fact]
    public async Task The_sessions_page_lists_my_devices_and_signs_out_one_or_all_others()
    {
        var (email, _) = await ActivatedPersonAsync();
        var (office, _) = await SignInAsync(email, FirefoxOnWindows);
        var (phone, _) = await SignInAsync(email, ChromeOnAndroid);
        var (tablet, _) = await SignInAsync(email);

        var page = await office.PageTextAsync("/me/sessions");
        Assert.Contains("Angemeldete Geräte", page, StringComparison.Ordinal);
        Assert.Contains("Firefox · Windows", page, StringComparison.Ordinal);
        Assert.Contains("Chrome · Android", page, StringComparison.Ordinal);
        Assert.Contains("Unbekanntes Gerät", page, StringComparison.Ordinal);
        Assert.Contains("dieses Gerät", page, StringComparison.Ordinal);
        var rows = await SessionRowsAsync(office);
        Assert.Equal(3, rows.Count);

        // The phone's session is the one with the Android row.
        var phoneSession = SessionOfDevice(page, "Chrome · Android");
        var ended = await office.PostAsync("/me/sessions?handler=End", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await CodexApplicationFactory.AntiforgeryTokenAsync(office, "/me/sessions"),
            ["sessionId"] = phoneSession,
        }));
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Contains("Abgemeldet: 1 Gerät(e)", await office.PageTextAsync("/me/sessions"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/me/password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tablet.GetAsync("/me/password")).StatusCode);
        Assert.Equal(2, (await SessionRowsAsync(office)).Count);

        var others = await office.SubmitPageFormAsync("/me/sessions", "/me/sessions?handler=EndOthers");
        Assert.Equal(HttpStatusCode.Redirect, others.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await tablet.GetAsync("/me/password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/me/password")).StatusCode);
        Assert.Single(await SessionRowsAsync(office));
    }

    [Fact]
    public async Task A_person_cannot_end_someone_elses_session()
    {
        var (email, personId) = await ActivatedPersonAsync();
        var (victim, _) = await SignInAsync(email);
        string victimSession;
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CodexIdentityDbContext>();
            victimSession = (await SessionsOf(db, personId).SingleAsync()).Id.ToString();
        }

        var (other, _) = await SignInAsync((await ActivatedPersonAsync()).Email);
        var response = await other.PostAsync("/me/sessions?handler=End", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await CodexApplicationFactory.AntiforgeryTokenAsync(other, "/me/sessions"),
            ["sessionId"] = victimSession,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await victim.GetAsync("/me/password")).StatusCode);
    }

    // --- helpers ---------------------------------------------------------------------------

    /// <summary>Signs in through the form; returns the browser and its sign-in cookie as a copy would see it.</summary>
    private async Task<(HttpClient Browser, string Cookie)> SignInAsync(string email, string? userAgent = null)
    {
        var client = Factory.CreateAnonymousClient();
        if (userAgent is not null)
        {
            client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        }

        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = AccountTesting.StrongPassword,
            ["__RequestVerificationToken"] = await CodexApplicationFactory.AntiforgeryTokenAsync(client, "/Account/Login"),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("Codex.Auth=", StringComparison.Ordinal));
        return (client, cookie[..cookie.IndexOf(';', StringComparison.Ordinal)]);
    }

    /// <summary>A request from another computer that carries a copy of the cookie and never lets it be deleted.</summary>
    private async Task<HttpStatusCode> WithCookieAsync(string cookie, string path)
    {
        using var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return (await client.SendAsync(request)).StatusCode;
    }

    private static async Task<IReadOnlyList<string>> SessionRowsAsync(HttpClient client) =>
        [.. SessionRowPattern().Matches(await client.GetStringAsync("/me/sessions")).Select(m => m.Groups[1].Value)];

    private static string SessionOfDevice(string pageText, string device)
    {
        var at = pageText.IndexOf(device, StringComparison.Ordinal);
        Assert.True(at >= 0, $"No session of {device}.");
        var row = pageText.LastIndexOf("data-session=\"", at, StringComparison.Ordinal) + "data-session=\"".Length;
        return pageText[row..pageText.IndexOf('"', row)];
    }

    private static IQueryable<AccountSession> SessionsOf(CodexIdentityDbContext db, Guid personId) =>
        db.Sessions.Where(s => s.EndedAt == null && db.Users.Any(a => a.Id == s.AccountId && a.PersonId == personId));

    private async Task<int> OpenSessionCountAsync(Guid personId)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CodexIdentityDbContext>();
        return await SessionsOf(db, personId).CountAsync();
    }

    private async Task<int> AuditCountAsync(Guid personId, AccountAuditAction action)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CodexIdentityDbContext>();
        return await db.AuditEntries.CountAsync(a => a.SubjectPersonId == personId && a.Action == action);
    }

    private async Task<(string Email, Guid PersonId)> ActivatedPersonAsync()
    {
        var hr = await HumanResourcesAsync();
        var (personId, email) = await hr.NewPersonAsync("Aylin");
        var invited = await hr.PostAsJsonAsync("/api/accounts/invitations", new { personIds = new[] { personId } });
        await invited.AssertStatusAsync(HttpStatusCode.OK);
        var link = await smtp.Server.LinkInNewestMailAsync(email, "/Account/Activate");
        var activation = Factory.CreateAnonymousClient();
        var accepted = await activation.SetPasswordAsync(link, AccountTesting.StrongPassword);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        // Setting the password signed the person in; that browser signs out, so each test counts its own sessions.
        Assert.Equal(HttpStatusCode.Redirect, (await activation.SubmitPageFormAsync("/me/password", "/Account/Logout")).StatusCode);
        return (email, personId);
    }

    [GeneratedRegex("data-session=\"([0-9a-f-]{36})\"")]
    private static partial Regex SessionRowPattern();
}

[Collection(IntegrationCollection.Name)]
public sealed class SessionTestsOnSqlite(PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : SessionTests(DatabaseProvider.Sqlite, postgres, host, smtp), IClassFixture<SharedHost>, IClassFixture<SmtpFixture>;

[Collection(IntegrationCollection.Name)]
public sealed class SessionTestsOnPostgreSql(PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : SessionTests(DatabaseProvider.PostgreSql, postgres, host, smtp), IClassFixture<SharedHost>, IClassFixture<SmtpFixture>;
