using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Codex.Host.Identity;
using Codex.IntegrationTests.Infrastructure;
using Codex.IntegrationTests.Notifications;
using Codex.Modules.Organization.Contracts;
using Codex.Shared.Persistence;
using Codex.Testing;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.IntegrationTests.Accounts;

/// <summary>
/// Accounts for real people: HR invites, the person follows the mailed link and sets a password;
/// links are single-use and expire; passwords are reset by mail without telling strangers which
/// addresses exist; rights are granted on the accounts page and audited; leaving ends every session.
/// Mails go over real SMTP; the job server runs (mails and the reset lookup are background work).
/// </summary>
public abstract class AccountTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : HostTest(provider, postgres, host)
{
    protected override void ConfigureHost(CodexApplicationFactory factory)
    {
        // Many people sign in and set passwords here within a minute, all from one address.
        factory.Settings["Security:SignInAttemptsPerMinute"] = "1000";
        factory.Settings["Notifications:Transport"] = "Smtp";
        factory.Settings["Notifications:Smtp:Host"] = smtp.Server.Host;
        factory.Settings["Notifications:Smtp:Port"] = smtp.Server.Port.ToString(CultureInfo.InvariantCulture);
        factory.Settings["Notifications:Smtp:Security"] = "None";
        factory.Settings["Notifications:BaseUrl"] = "https://codex.sozialwerk-rheinaue.example/";
        // Sign-in mail ignores quiet hours anyway; these keep the other mails of the shared host quick.
        factory.Settings["Notifications:QuietHours:From"] = "00:00";
        factory.Settings["Notifications:QuietHours:To"] = "00:00";
        factory.Settings["Notifications:QuietHours:Weekends"] = "false";
    }

    [Fact]
    public async Task An_invited_person_follows_the_mailed_link_sets_a_password_and_is_signed_in_once()
    {
        var hr = await HumanResourcesAsync();
        var (personId, email) = await hr.NewPersonAsync();

        var outcome = await InviteAsync(hr, personId);
        Assert.Equal(1, outcome.Invited);
        var link = await smtp.Server.LinkInNewestMailAsync(email, "/Account/Activate");
        var mail = Assert.Single(smtp.Server.MessagesTo(email));
        Assert.Equal("Ihr Zugang zu Codex", mail.Subject);
        Assert.Contains("Heike Sommer hat Sie zu Codex eingeladen", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(AccountStatus.Invited, (await StatusAsync(hr, personId)).Status);
        Assert.Contains("eingeladene Personen haben noch kein Passwort festgelegt", await hr.PageTextAsync("/"), StringComparison.Ordinal);

        var browser = Factory.CreateAnonymousClient();
        var page = await browser.GetStringAsync(link);
        Assert.Contains(email, page, StringComparison.Ordinal);
        var stranger = Factory.CreateAnonymousClient();
        var staleForm = await stranger.GetStringAsync(link);
        var accepted = await browser.SetPasswordAsync(link, AccountTesting.StrongPassword);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/", accepted.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/me/password")).StatusCode);
        Assert.Equal(AccountStatus.Active, (await StatusAsync(hr, personId)).Status);

        // The same link again, from another browser: a clear message, and the password stays.
        Assert.Contains("bereits angenommen", await stranger.PageTextAsync(link), StringComparison.Ordinal);
        var second = await stranger.SetPasswordInStaleFormAsync(link, staleForm, "Ein ganz anderes langes Passwort");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("bereits angenommen", await second.TextAsync(), StringComparison.Ordinal);
        await Factory.SignInAsync(email, AccountTesting.StrongPassword);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Factory.SignInAsync(email, "Ein ganz anderes langes Passwort"));

        // The admin's mail page never shows the link (whoever reads it could set the password).
        var admin = await AdminAsync();
        EmailDetailsRow? details = null;
        foreach (var row in (await admin.EmailsAsync("Sent")).Where(m => m.TemplateKey == "account.invitation"))
        {
            details = await admin.EmailAsync(row.Id);
            if (details.RecipientAddress == email)
            {
                break;
            }
        }

        Assert.Equal(email, details?.RecipientAddress);
        var sent = details!;
        Assert.Null(sent.TextBody);
        Assert.Null(sent.HtmlBody);
        Assert.DoesNotContain("/Account/Activate", await admin.PageTextAsync($"/admin/mail/{sent.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_without_an_activated_account_cannot_sign_in_and_learns_nothing_from_the_answer()
    {
        var hr = await HumanResourcesAsync();
        var (personId, email) = await hr.NewPersonAsync();
        await InviteAsync(hr, personId);

        var client = Factory.CreateAnonymousClient();
        var invited = await LoginAsync(client, email, "irgendein langes Passwort");
        var unknown = await LoginAsync(client, "niemand-" + Guid.NewGuid().ToString("N") + "@codex-tests.example", "irgendein langes Passwort");
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(ErrorOf(await unknown.TextAsync()), ErrorOf(await invited.TextAsync()));
    }

    [Fact]
    public async Task The_password_policy_refuses_a_listed_password_with_a_visible_message_and_keeps_the_link()
    {
        var hr = await HumanResourcesAsync();
        var (personId, email) = await hr.NewPersonAsync();
        await InviteAsync(hr, personId);
        var link = await smtp.Server.LinkInNewestMailAsync(email, "/Account/Activate");
        var browser = Factory.CreateAnonymousClient();

        foreach (var (password, message) in new[]
                 {
                     ("passwort1234", "Liste häufiger oder bereits gestohlener Passwörter"),
                     ("qwertzuiop123", "Liste häufiger oder bereits gestohlener Passwörter"),
                     ("kurz-passw", "mindestens 12 Zeichen"),
                     ("aaaaaaaaaaaaaaaa", "fast nur aus einem Zeichen"),
                 })
        {
            var refused = await browser.SetPasswordAsync(link, password);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(message, await refused.TextAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(AccountStatus.Invited, (await StatusAsync(hr, personId)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SetPasswordAsync(link, AccountTesting.StrongPassword)).StatusCode);
    }

    [Fact]
    public async Task An_expired_link_says_so_and_sends_a_new_one_that_works_while_the_old_one_stays_dead()
    {
        var hr = await HumanResourcesAsync();
        var (personId, email) = await hr.NewPersonAsync();
        await InviteAsync(hr, personId);
        var oldLink = await smtp.Server.LinkInNewestMailAsync(email, "/Account/Activate");
        var browser = Factory.CreateAnonymousClient();
        var openedBeforeExpiry = await browser.GetStringAsync(oldLink);
        await ExpireInvitationsAsync(personId);
        Assert.True((await StatusAsync(hr, personId)).InvitationExpired);

        var page = await browser.GetStringAsync(oldLink);
        Assert.Contains("abgelaufen", page, StringComparison.Ordinal);
        var action = "/Account/Activate?handler=Renew";
        var renewed = await browser.PostAsync(action, HtmlForm.Submit(page, action));
        Assert.Contains("ein neuer Link unterwegs", await renewed.TextAsync(), StringComparison.Ordinal);

        var newLink = await smtp.Server.LinkInNewestMailAsync(email, "/Account/Activate", count: 2);
        Assert.NotEqual(oldLink, newLink);
        var late = await browser.SetPasswordInStaleFormAsync(oldLink, openedBeforeExpiry, AccountTesting.StrongPassword);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("neuerer Link", await late.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(AccountStatus.Invited, (await StatusAsync(hr, personId)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SetPasswordAsync(newLink, AccountTesting.StrongPassword)).StatusCode);
    }

    [Fact]
    public async Task Resending_an_invitation_replaces_the_earlier_link()
    {
        var hr = await HumanResourcesAsync();
        var (personId, email) = await hr.NewPersonAsync();
        await InviteAsync(hr, personId);
        var first = await smtp.Server.LinkInNewestMailAsync(email, "/Account/Activate");

        var again = await InviteAsync(hr, personId);
        Assert.Equal((0, 1), (again.Invited, again.Resent));
        var second = await smtp.Server.LinkInNewestMailAsync(email, "/Account/Activate", count: 2);

        var browser = Factory.CreateAnonymousClient();
        Assert.Contains("neuerer Link", await browser.PageTextAsync(first), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SetPasswordAsync(second, AccountTesting.StrongPassword)).StatusCode);
    }

    [Fact]
    public async Task Inviting_a_unit_invites_only_its_members_without_an_account()
    {
        var hr = await HumanResourcesAsync();
        var admin = await AdminAsync();
        var department = (await admin.TreeAsync()).First(u => u.Kind == "Department").Id;
        var team = await admin.CreateUnitAsync("Einladungsteam " + Guid.NewGuid().ToString("N")[..6], "Team", department);
        var (newcomer, newcomerEmail) = await hr.NewPersonAsync("Tom");
        var member = await admin.PersonIdAsync("Yılmaz");
        foreach (var person in new[] { newcomer, member })
        {
            (await admin.PutAsync($"/api/org/units/{team}/members/{person}", null)).EnsureSuccessStatusCode();
        }

        var outcome = await hr.PostAsJsonAsync("/api/accounts/invitations", new { unitId = team });
        var result = await outcome.Content.ReadFromJsonAsync<InvitationOutcome>(CodexApi.Json);
        Assert.Equal(1, result!.Invited);
        await smtp.Server.ArrivedAsync(newcomerEmail);
        Assert.Empty(smtp.Server.MailsTo(DemoLogins.Member, "Ihr Zugang zu Codex"));

        // Asking again sends nothing: the newcomer's invitation is pending, the member is active.
        var repeat = await (await hr.PostAsJsonAsync("/api/accounts/invitations", new { unitId = team })).Content.ReadFromJsonAsync<InvitationOutcome>(CodexApi.Json);
        Assert.Equal((0, 0), (repeat!.Invited, repeat.Resent));
    }

    [Fact]
    public async Task A_member_may_not_invite_or_list_accounts()
    {
        var member = await MemberAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync("/api/accounts/invitations", new { personIds = new[] { Guid.NewGuid() } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/accounts")).StatusCode);
    }

    [Fact]
    public async Task Password_reset_answers_the_same_for_known_and_unknown_addresses_and_the_link_ends_old_sessions()
    {
        var (email, personId) = await ActivatedPersonAsync();
        var oldSession = await Factory.SignInAsync(email, AccountTesting.StrongPassword);

        var browser = Factory.CreateAnonymousClient();
        var known = await browser.SubmitPageFormAsync("/Account/ForgotPassword", "", ("Email", email));
        var unknown = await browser.SubmitPageFormAsync("/Account/ForgotPassword", "", ("Email", "unbekannt-" + Guid.NewGuid().ToString("N") + "@codex-tests.example"));
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        var knownText = await known.TextAsync();
        Assert.Contains("Wenn es zu dieser Adresse ein Konto gibt", knownText, StringComparison.Ordinal);
        Assert.Equal(MessageOf(knownText, "forgot-message"), MessageOf(await unknown.TextAsync(), "forgot-message"));

        var link = await smtp.Server.LinkInNewestMailAsync(email, "/Account/ResetPassword", count: 2);
        const string newPassword = "Nach der Tour ein neues Passwort";
        var reset = await browser.SubmitPageFormAsync(link, "", ("Password", newPassword), ("PasswordRepeat", newPassword));
        Assert.Contains("Ihr Passwort ist geändert", await reset.TextAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await oldSession.GetAsync("/me/password")).StatusCode);
        await Factory.SignInAsync(email, newPassword);
        var usedAgain = await browser.SubmitPageFormAsync(link, "", ("Password", "Noch ein anderes langes Passwort"), ("PasswordRepeat", "Noch ein anderes langes Passwort"));
        Assert.Contains("abgelaufen oder wurde schon benutzt", await usedAgain.TextAsync(), StringComparison.Ordinal);
        Assert.NotEqual(Guid.Empty, personId);
    }

    [Fact]
    public async Task Changing_the_password_keeps_this_session_and_ends_the_others()
    {
        var (email, _) = await ActivatedPersonAsync();
        var phone = await Factory.SignInAsync(email, AccountTesting.StrongPassword);
        var office = await Factory.SignInAsync(email, AccountTesting.StrongPassword);

        const string newPassword = "Ein Satz für das neue Passwort";
        var wrong = await office.SubmitPageFormAsync("/me/password", "", ("CurrentPassword", "falsch falsch falsch"), ("Password", newPassword), ("PasswordRepeat", newPassword));
        Assert.Contains("Das bisherige Passwort stimmt nicht", await wrong.TextAsync(), StringComparison.Ordinal);
        var changed = await office.SubmitPageFormAsync("/me/password", "", ("CurrentPassword", AccountTesting.StrongPassword), ("Password", newPassword), ("PasswordRepeat", newPassword));
        Assert.Contains("Ihr Passwort ist geändert", await changed.TextAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/me/password")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/me/password")).StatusCode);
    }

    [Fact]
    public async Task Leaving_the_organisation_ends_a_live_session_and_refuses_the_next_sign_in_until_the_person_returns()
    {
        var (email, personId) = await ActivatedPersonAsync();
        var session = await Factory.SignInAsync(email, AccountTesting.StrongPassword);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/me/password")).StatusCode);

        // HR marks the person as left; the outbox (dispatched right after the commit) disables the account.
        var hr = await HumanResourcesAsync();
        var version = (await hr.GetOkAsync<JsonElement>($"/api/org/people/{personId}")).GetProperty("version").GetInt32();
        await (await hr.PostAsJsonAsync($"/api/org/people/{personId}/deactivate", new { version })).AssertStatusAsync(HttpStatusCode.NoContent);
        await Eventually.HoldsAsync(async () => (await session.GetAsync("/me/password")).StatusCode, s => s == HttpStatusCode.Redirect, TimeSpan.FromSeconds(30), "the live session ends");
        await PublishAsync(new PersonLeftIntegrationEvent(Guid.NewGuid(), DateTimeOffset.UtcNow, personId)); // redelivered: no change

        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/me/password")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/accounts")).StatusCode);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Factory.SignInAsync(email, AccountTesting.StrongPassword));
        Assert.Equal(AccountStatus.Deactivated, (await StatusAsync(hr, personId)).Status);
        Assert.Equal(1, await AuditCountAsync(personId, AccountAuditAction.Deactivated));

        // HR brings them back: the old password works again.
        version = (await hr.GetOkAsync<JsonElement>($"/api/org/people/{personId}")).GetProperty("version").GetInt32();
        await (await hr.PostAsJsonAsync($"/api/org/people/{personId}/reactivate", new { version })).AssertStatusAsync(HttpStatusCode.NoContent);
        await Eventually.HoldsAsync(async () => (await StatusAsync(hr, personId)).Status, s => s == AccountStatus.Active, TimeSpan.FromSeconds(30), "the account works again");
        await Factory.SignInAsync(email, AccountTesting.StrongPassword);
        Assert.Equal(1, await AuditCountAsync(personId, AccountAuditAction.Reactivated));
    }

    [Fact]
    public async Task An_admin_grants_and_revokes_HR_rights_which_apply_from_the_next_request_and_are_audited()
    {
        var admin = await AdminAsync();
        var (email, personId) = await ActivatedPersonAsync();
        var session = await Factory.SignInAsync(email, AccountTesting.StrongPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync("/api/accounts")).StatusCode);

        (await admin.PutAsync($"/api/accounts/{personId}/roles/HR", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/accounts")).StatusCode);
        Assert.True((await StatusAsync(admin, personId)).IsHr);

        (await admin.DeleteAsync($"/api/accounts/{personId}/roles/HR")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync("/api/accounts")).StatusCode);

        Assert.Equal(1, await AuditCountAsync(personId, AccountAuditAction.RoleGranted));
        Assert.Equal(1, await AuditCountAsync(personId, AccountAuditAction.RoleRevoked));
        var page = await admin.GetStringAsync("/admin/accounts");
        Assert.Contains("Rechte entzogen: Personal (HR)", page, StringComparison.Ordinal);

        // HR may see the accounts page but not change rights.
        var hr = await HumanResourcesAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.PutAsync($"/api/accounts/{personId}/roles/Admin", null)).StatusCode);
    }

    // --- helpers ---------------------------------------------------------------------------

    private static async Task<InvitationOutcome> InviteAsync(HttpClient hr, Guid personId)
    {
        var response = await hr.PostAsJsonAsync("/api/accounts/invitations", new { personIds = new[] { personId } });
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<InvitationOutcome>(CodexApi.Json))!;
    }

    private async Task<(string Email, Guid PersonId)> ActivatedPersonAsync()
    {
        var hr = await HumanResourcesAsync();
        var (personId, email) = await hr.NewPersonAsync("Aylin");
        await InviteAsync(hr, personId);
        var link = await smtp.Server.LinkInNewestMailAsync(email, "/Account/Activate");
        var accepted = await Factory.CreateAnonymousClient().SetPasswordAsync(link, AccountTesting.StrongPassword);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        return (email, personId);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static async Task<AccountRow> StatusAsync(HttpClient hr, Guid personId)
    {
        var lastName = (await hr.GetOkAsync<PersonItem>($"/api/org/people/{personId}")).LastName;
        var people = await hr.GetFromJsonAsync<AccountListRow>("/api/accounts?search=" + Uri.EscapeDataString(lastName), Json);
        return people!.People.Items.Single(p => p.PersonId == personId);
    }

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password)
    {
        var html = await client.GetStringAsync("/Account/Login");
        return await client.PostAsync("/Account/Login", HtmlForm.Submit(html, "", ("Input.Email", email), ("Input.Password", password)));
    }

    private static string ErrorOf(string html) => MessageOf(html, "login-error");

    private static string MessageOf(string html, string id)
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No #{id} on the page.");
        var from = html.IndexOf('>', start) + 1;
        return html[from..html.IndexOf('<', from)];
    }

    private async Task PublishAsync(INotification notification)
    {
        using var scope = Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(notification);
    }

    private async Task ExpireInvitationsAsync(Guid personId)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CodexIdentityDbContext>();
        var accountId = await db.Users.Where(a => a.PersonId == personId).Select(a => a.Id).SingleAsync();
        // Seven days later: the stored expiry is in the past.
        foreach (var invitation in await db.Invitations.Where(i => i.AccountId == accountId).ToListAsync())
        {
            db.Entry(invitation).Property(i => i.ExpiresAt).CurrentValue = DateTimeOffset.UtcNow.AddMinutes(-1);
        }

        await db.SaveChangesAsync();
    }

    private async Task<int> AuditCountAsync(Guid personId, AccountAuditAction action)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CodexIdentityDbContext>();
        return await db.AuditEntries.CountAsync(a => a.SubjectPersonId == personId && a.Action == action);
    }

    private sealed record AccountRow(Guid PersonId, string Name, AccountStatus Status, bool InvitationExpired, bool IsAdmin, bool IsHr);

    private sealed record AccountRowsPage(IReadOnlyList<AccountRow> Items);

    private sealed record AccountListRow(AccountRowsPage People);
}

[Collection(IntegrationCollection.Name)]
public sealed class AccountTestsOnSqlite(PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : AccountTests(DatabaseProvider.Sqlite, postgres, host, smtp), IClassFixture<SharedHost>, IClassFixture<SmtpFixture>;

[Collection(IntegrationCollection.Name)]
public sealed class AccountTestsOnPostgreSql(PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : AccountTests(DatabaseProvider.PostgreSql, postgres, host, smtp), IClassFixture<SharedHost>, IClassFixture<SmtpFixture>;
