using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Codex.Host.Identity;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;
using Codex.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.IntegrationTests.Accounts;

/// <summary>
/// The login page tells a stranger nothing and cannot be used to lock the owner out: unknown and
/// known addresses get the same bytes in about the same time; failed attempts make further ones
/// wait longer and longer (2, 4, 8 … seconds, at most 15 minutes) instead of a hard lockout, and
/// the right password works as soon as the wait has passed.
/// </summary>
public abstract partial class SignInProtectionTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : HostTest(provider, postgres, host)
{
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
    public async Task Unknown_and_known_addresses_get_byte_identical_answers_in_similar_time()
    {
        var (known, _) = await ActivatedPersonAsync();
        var client = Factory.CreateAnonymousClient();
        await LoginAsync(client, "aufwaermen@codex-tests.example", "irgendein langes Passwort"); // warms the dummy hash

        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        string? knownPage = null, unknownPage = null;
        for (var i = 0; i < 4; i++) // fewer than the free failures of the known account
        {
            var unknown = $"niemand-{Guid.NewGuid():N}@codex-tests.example";
            var (knownResponse, knownTime) = await TimedLoginAsync(client, known, "ein falsches langes Passwort");
            var (unknownResponse, unknownTime) = await TimedLoginAsync(client, unknown, "ein falsches langes Passwort");
            Assert.Equal(knownResponse.StatusCode, unknownResponse.StatusCode);
            knownPage = Comparable(await knownResponse.Content.ReadAsStringAsync(), known);
            unknownPage = Comparable(await unknownResponse.Content.ReadAsStringAsync(), unknown);
            knownTimes.Add(knownTime);
            unknownTimes.Add(unknownTime);
        }

        Assert.Equal(knownPage, unknownPage);
        Assert.Contains("E-Mail-Adresse oder Passwort ist falsch.", System.Net.WebUtility.HtmlDecode(knownPage!), StringComparison.Ordinal);
        // Both pay for one password hash check; without the dummy hash the unknown address answers ~100 times faster.
        var (k, u) = (Median(knownTimes), Median(unknownTimes));
        Assert.True(Math.Max(k, u) / Math.Min(k, u) < 4, $"Median times differ too much: known {k:F1} ms, unknown {u:F1} ms.");
    }

    [Fact]
    public async Task Failed_attempts_make_the_next_ones_wait_longer_and_the_right_password_works_once_the_wait_has_passed()
    {
        var (email, personId) = await ActivatedPersonAsync();
        var client = Factory.CreateAnonymousClient();
        for (var i = 0; i < 5; i++)
        {
            var free = await LoginAsync(client, email, "ein falsches langes Passwort");
            Assert.Equal(HttpStatusCode.OK, free.StatusCode);
        }

        // Even the right password waits now: the page says so, as HTML in the reader's language.
        var limited = await LoginAsync(client, email, AccountTesting.StrongPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("text/html", limited.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Zu viele Versuche – bitte in einer Minute erneut versuchen.", await limited.TextAsync(), StringComparison.Ordinal);
        var firstWait = limited.Headers.RetryAfter?.Delta ?? throw new InvalidOperationException("No Retry-After.");
        Assert.InRange(firstWait.TotalSeconds, 1, 2);

        // Another wrong guess once the wait is over: the next wait is longer.
        await Eventually.HoldsAsync(() => LoginAsync(client, email, "noch ein falsches Passwort"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "the first wait ends");
        var longer = await LoginAsync(client, email, AccountTesting.StrongPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, longer.StatusCode);
        Assert.InRange(longer.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 3, 4);

        // The owner gets in as soon as the wait has passed.
        var clock = Stopwatch.StartNew();
        var signedIn = await Eventually.HoldsAsync(() => LoginAsync(client, email, AccountTesting.StrongPassword), r => r.StatusCode == HttpStatusCode.Redirect, TimeSpan.FromSeconds(15), "the right password works after the wait");
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        Assert.True(clock.Elapsed.TotalSeconds >= 2, "The right password worked during the wait.");
        Assert.Equal(1, await AuditCountAsync(personId, AccountAuditAction.SignInThrottled));
    }

    [Fact]
    public async Task Failures_for_an_unknown_address_are_limited_too_with_the_same_answer()
    {
        var client = Factory.CreateAnonymousClient();
        var unknown = $"niemand-{Guid.NewGuid():N}@codex-tests.example";
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, unknown, "ein falsches langes Passwort")).StatusCode);
        }

        var limited = await LoginAsync(client, unknown.ToUpperInvariant(), "ein falsches langes Passwort");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Zu viele Versuche", await limited.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_wait_doubles_after_the_free_failures_and_stops_at_fifteen_minutes()
    {
        Assert.Equal(TimeSpan.Zero, SignInThrottle.DelayAfter(4, free: 5));
        Assert.Equal(TimeSpan.FromSeconds(2), SignInThrottle.DelayAfter(5, free: 5));
        Assert.Equal(TimeSpan.FromSeconds(4), SignInThrottle.DelayAfter(6, free: 5));
        Assert.Equal(TimeSpan.FromSeconds(512), SignInThrottle.DelayAfter(13, free: 5));
        Assert.Equal(TimeSpan.FromMinutes(15), SignInThrottle.DelayAfter(14, free: 5));
        Assert.Equal(TimeSpan.FromMinutes(15), SignInThrottle.DelayAfter(10_000, free: 5));
    }

    // --- helpers ---------------------------------------------------------------------------

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password)
    {
        var html = await client.GetStringAsync("/Account/Login");
        return await client.PostAsync("/Account/Login", HtmlForm.Submit(html, "", ("Input.Email", email), ("Input.Password", password)));
    }

    private static async Task<(HttpResponseMessage Response, double Milliseconds)> TimedLoginAsync(HttpClient client, string email, string password)
    {
        var html = await client.GetStringAsync("/Account/Login");
        var form = HtmlForm.Submit(html, "", ("Input.Email", email), ("Input.Password", password));
        var clock = Stopwatch.StartNew();
        var response = await client.PostAsync("/Account/Login", form);
        await response.Content.LoadIntoBufferAsync();
        return (response, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>The page without what must differ: the antiforgery token and the address typed in.</summary>
    private static string Comparable(string html, string email) =>
        TokenPattern().Replace(html, "value=\"TOKEN\"").Replace(email, "ADDRESS", StringComparison.Ordinal);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
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
        var accepted = await Factory.CreateAnonymousClient().SetPasswordAsync(link, AccountTesting.StrongPassword);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        return (email, personId);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex TokenPattern();
}

/// <summary>
/// The coarse limit per network address counts only submitted forms: reading the login page is no
/// attempt. A limited person gets the page back with a message; the API gets 429 problem details.
/// </summary>
public abstract class SignInRateLimitTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    protected override void ConfigureHost(CodexApplicationFactory factory) =>
        factory.Settings["Security:SignInAttemptsPerMinute"] = "3";

    [Fact]
    public async Task Reading_the_login_page_does_not_count_and_a_limited_form_shows_the_page_with_a_message()
    {
        var client = Factory.CreateAnonymousClient();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
        }

        var html = await client.GetStringAsync("/Account/Login");
        for (var i = 0; i < 3; i++)
        {
            var counted = await client.PostAsync("/Account/Login", HtmlForm.Submit(html, "", ("Input.Email", $"niemand{i}@codex-tests.example"), ("Input.Password", "ein falsches langes Passwort")));
            Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
        }

        var limited = await client.PostAsync("/Account/Login", HtmlForm.Submit(html, "", ("Input.Email", "niemand@codex-tests.example"), ("Input.Password", "ein falsches langes Passwort")));
        Assert.Equal(HttpStatusCode.SeeOther, limited.StatusCode);
        var page = await client.GetAsync(limited.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Zu viele Versuche – bitte in einer Minute erneut versuchen.", await page.TextAsync(), StringComparison.Ordinal);

        var api = await client.PostAsJsonAsync("/api/accounts/password-reset", new { email = "niemand@codex-tests.example" });
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(api.Headers.RetryAfter);
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class SignInProtectionTestsOnSqlite(PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : SignInProtectionTests(DatabaseProvider.Sqlite, postgres, host, smtp), IClassFixture<SharedHost>, IClassFixture<SmtpFixture>;

[Collection(IntegrationCollection.Name)]
public sealed class SignInProtectionTestsOnPostgreSql(PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : SignInProtectionTests(DatabaseProvider.PostgreSql, postgres, host, smtp), IClassFixture<SharedHost>, IClassFixture<SmtpFixture>;

[Collection(IntegrationCollection.Name)]
public sealed class SignInRateLimitTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : SignInRateLimitTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class SignInRateLimitTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : SignInRateLimitTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
