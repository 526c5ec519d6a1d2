using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Codex.IntegrationTests.Infrastructure;
using Codex.IntegrationTests.Notifications;
using Codex.IntegrationTests.TeamCodex;
using Codex.Modules.Learning.Features.Reminders;
using Codex.Modules.TeamCodex.Features.Scheduling;
using Codex.Shared.Persistence;
using Codex.Testing;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Codex.IntegrationTests.Home;

/// <summary>
/// Every mail's call to action lands on the right page after sign-in: each kind of mail is
/// triggered the way it happens in use, received over real SMTP, and its link followed by a
/// browser that is not signed in — to the login, and after it to the page the mail is about.
/// </summary>
public abstract partial class MailCallToActionTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : TeamCodexTest(provider, postgres, host)
{
    private const string BaseUrl = "https://codex.sozialwerk-rheinaue.example";

    // The job server stays on (memberships and round events travel through the outbox); mail goes to the test server at once.
    protected override void ConfigureHost(CodexApplicationFactory factory)
    {
        factory.Settings["Notifications:Transport"] = "Smtp";
        factory.Settings["Notifications:Smtp:Host"] = smtp.Server.Host;
        factory.Settings["Notifications:Smtp:Port"] = smtp.Server.Port.ToString(CultureInfo.InvariantCulture);
        factory.Settings["Notifications:Smtp:Security"] = "None";
        factory.Settings["Notifications:BaseUrl"] = BaseUrl + "/";
        factory.Settings["Notifications:QuietHours:From"] = "00:00";
        factory.Settings["Notifications:QuietHours:To"] = "00:00";
        factory.Settings["Notifications:QuietHours:Weekends"] = "false";
        factory.Settings["Learning:Reminders:EscalateAfterOverdueDays"] = "1";
    }

    [Fact]
    public async Task The_round_invitation_reminder_and_outcome_lead_to_the_round_after_sign_in()
    {
        var unit = await NewUnitAsync();
        // Closing in two days: the response reminder (three days before closing by default) is due at once.
        var round = await unit.Lead.OpenRoundAsync(unit.UnitId, null, days: 2);
        var roundPath = $"/codex/rounds/{round}";

        var invitation = await MailAsync(DemoLogins.Member, "Review-Runde zum Teamkodex", roundPath);
        await FollowAsync(invitation, "Zur Review-Runde", roundPath, DemoLogins.Member, "Rückmeldung senden");

        await Factory.SendAsync(new SendCodexRemindersCommand());
        await Factory.RunSendJobAsync();
        var reminder = await MailAsync(DemoLogins.Member, "Erinnerung: Ihre Rückmeldung zum Teamkodex", roundPath);
        await FollowAsync(reminder, "Zur Review-Runde", roundPath, DemoLogins.Member, "Rückmeldung senden", signInThroughForm: false);

        await unit.Member.RespondAsync(round, "Consent");
        await (await unit.Lead.PostAsync($"/api/codex/rounds/{round}/close", null)).AssertStatusAsync(HttpStatusCode.OK);
        var outcome = await MailAsync(DemoLogins.Member, "Ergebnis der Review-Runde", roundPath);
        await FollowAsync(outcome, "Ergebnis ansehen", roundPath, DemoLogins.Member, "Ergebnis:", signInThroughForm: false);
    }

    [Fact]
    public async Task The_acknowledge_reminder_leads_to_the_codex_page_with_the_confirmation_after_sign_in()
    {
        var unit = await NewUnitAsync();
        var version = await unit.PublishNewVersionAsync("Unser Zweck.");
        var codexId = (await unit.Lead.CodexAsync(unit.UnitId)).CodexId!.Value;
        await TeamCodexDbAsync(db => db.Versions.Where(v => v.CodexId == codexId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.PublishedAt, DateTimeOffset.UtcNow.AddDays(-8))));

        await Factory.SendAsync(new SendCodexRemindersCommand());
        await Factory.RunSendJobAsync();

        var unitPath = $"/codex/{unit.UnitId}";
        var reminder = await MailAsync(DemoLogins.Member, "Bitte bestätigen: neue Fassung des Teamkodex", unitPath);
        await FollowAsync(reminder, "Änderungen lesen", unitPath, DemoLogins.Member, $"Bitte bestätigen: Version {version} ist in Kraft");
    }

    [Fact]
    public async Task The_learning_reminders_lead_to_my_learning_and_the_escalation_to_the_enrolment_after_sign_in()
    {
        var (_, member) = await DemoPeopleAsync();
        var enrolment = await Factory.EnrolAsync(await HumanResourcesAsync(), member, dueInDays: 3);
        var enrolmentPath = $"/learning/enrolments/{enrolment.EnrolmentId}";
        var step = $"„Merkblatt lesen“ im Lernpfad „{enrolment.PathTitle}“";

        // One reminder per person and run, listing every open step; its call to action is "Mein Lernen".
        await Factory.SendAsync(new SendLearningRemindersCommand());
        await Factory.RunSendJobAsync();
        var due = await MailAsync(DemoLogins.Member, "Ihre offenen Lernschritte", "/learning", $"{step}: fällig am");
        await FollowAsync(due, "Zu meinem Lernen", "/learning", DemoLogins.Member, enrolment.PathTitle);

        await Factory.MakeDueOnAsync(enrolment.EnrolmentId, DateTimeOffset.UtcNow.AddDays(-2));
        await Factory.SendAsync(new SendLearningRemindersCommand());
        await Factory.RunSendJobAsync();
        var overdue = await MailAsync(DemoLogins.Member, "Ihre offenen Lernschritte", "/learning", $"{step}: überfällig");
        await FollowAsync(overdue, "Zu meinem Lernen", "/learning", DemoLogins.Member, enrolment.PathTitle, signInThroughForm: false);

        // Escalation is configured for this host (after one overdue day): the learner's lead is told.
        var escalation = await MailAsync(DemoLogins.TeamLead, "Lernschritt überfällig im Team: „Merkblatt lesen“", enrolmentPath);
        await FollowAsync(escalation, "Lernstand ansehen", enrolmentPath, DemoLogins.TeamLead, enrolment.PathTitle);
    }

    [Fact]
    public async Task The_settings_link_at_the_foot_of_a_mail_leads_to_the_notification_settings_after_sign_in()
    {
        var unit = await NewUnitAsync();
        var round = await unit.Lead.OpenRoundAsync(unit.UnitId, null, days: 10);
        var invitation = await MailAsync(DemoLogins.Member, "Review-Runde zum Teamkodex", $"/codex/rounds/{round}");

        await FollowAsync(invitation, "E-Mail-Einstellungen", "/me/notifications", DemoLogins.Member, "Meine E-Mail-Einstellungen");
    }

    /// <summary>The one mail to the address whose subject starts so, that links to the path and says <paramref name="saying"/> (waits for it to arrive).</summary>
    private async Task<MimeMessage> MailAsync(string address, string subjectStart, string path, string saying = "")
    {
        IReadOnlyList<MimeMessage> Matching() => [.. smtp.Server.MessagesTo(address).Where(m =>
            (m.Subject ?? "").StartsWith(subjectStart, StringComparison.Ordinal) && Regex.IsMatch(m.TextBody ?? "", Regex.Escape(BaseUrl + path) + @"\r?$", RegexOptions.Multiline)
            && (m.TextBody ?? "").Contains(saying, StringComparison.Ordinal))];
        await Eventually.HoldsAsync(() => Task.FromResult(Matching().Count), n => n > 0, MailTesting.Arrival, $"a mail “{subjectStart}…” to {address} about {path}");
        return Assert.Single(Matching());
    }

    /// <summary>
    /// Follows the link labelled <paramref name="label"/> in the mail as someone not signed in: it must
    /// be <paramref name="expectedPath"/>, lead to the login with that path to return to, and after
    /// signing in to the page (200) showing <paramref name="expectedContent"/>. The login form is rate
    /// limited (20 requests a minute), so a mail leading to a page already reached through the form
    /// (<paramref name="signInThroughForm"/> false) is opened by the person's signed-in client instead.
    /// </summary>
    private async Task FollowAsync(MimeMessage mail, string label, string expectedPath, string login, string expectedContent, bool signInThroughForm = true)
    {
        var link = new Regex($"^(?:{label}): (?<url>\\S+)\\r?$", RegexOptions.Multiline).Match(mail.TextBody ?? "");
        Assert.True(link.Success, $"No link “{label}” in the mail “{mail.Subject}”:\n{mail.TextBody}");
        var url = new Uri(link.Groups["url"].Value);
        Assert.Equal(BaseUrl, url.GetLeftPart(UriPartial.Authority));
        Assert.Equal(expectedPath, url.PathAndQuery);
        Assert.Contains($"href=\"{WebUtility.HtmlEncode(url.ToString())}\"", mail.HtmlBody ?? "", StringComparison.Ordinal);

        using var browser = Factory.CreateAnonymousClient();
        var anonymous = await browser.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        var loginUrl = anonymous.Headers.Location!;
        var loginPath = loginUrl.IsAbsoluteUri ? loginUrl.PathAndQuery : loginUrl.OriginalString;
        Assert.Equal("/Account/Login?ReturnUrl=" + Uri.EscapeDataString(expectedPath), loginPath);

        if (!signInThroughForm)
        {
            var client = login == DemoLogins.TeamLead ? await TeamLeadAsync() : await MemberAsync();
            var page = await client.GetAsync(expectedPath);
            await page.AssertStatusAsync(HttpStatusCode.OK);
            Assert.Contains(expectedContent, WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
            return;
        }

        var loginPage = await browser.GetStringAsync(loginPath);
        var form = HtmlForm.Submit(loginPage, "", ("Input.Email", login), ("Input.Password", DemoLogins.Password));
        var signedIn = await browser.PostAsync(loginPath, form);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(expectedPath, signedIn.Headers.Location!.OriginalString);

        var landed = await browser.GetAsync(signedIn.Headers.Location);
        await landed.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Contains(expectedContent, WebUtility.HtmlDecode(await landed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class MailCallToActionTestsOnSqlite(PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : MailCallToActionTests(DatabaseProvider.Sqlite, postgres, host, smtp), IClassFixture<SharedHost>, IClassFixture<SmtpFixture>;

[Collection(IntegrationCollection.Name)]
public sealed class MailCallToActionTestsOnPostgreSql(PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : MailCallToActionTests(DatabaseProvider.PostgreSql, postgres, host, smtp), IClassFixture<SharedHost>, IClassFixture<SmtpFixture>;
