using System.Net;
using System.Net.Http.Json;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;
using Codex.Testing;
using MimeKit;

namespace Codex.IntegrationTests;

/// <summary>A real SMTP server (aiosmtpd) for one test class; the host sends to it in plain SMTP.</summary>
public sealed class SmtpFixture : IAsyncLifetime
{
    private SmtpTestServer? _server;

    public SmtpTestServer Server => _server ?? throw new InvalidOperationException("The SMTP server has not started.");

    public async Task InitializeAsync() => _server = await SmtpTestServer.StartNewAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>The admin's test email, through the API and through the /admin/mail page, over real SMTP.</summary>
public abstract partial class EmailTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : HostTest(provider, postgres, host)
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(15);

    protected override void ConfigureHost(CodexApplicationFactory factory)
    {
        factory.Settings["Notifications:Transport"] = "Smtp";
        factory.Settings["Notifications:Smtp:Host"] = smtp.Server.Host;
        factory.Settings["Notifications:Smtp:Port"] = smtp.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.Settings["Notifications:Smtp:Security"] = "None";
    }

    private static string NewAddress() => $"empfang-{Guid.NewGuid():N}@codex-tests.example";

    /// <summary>The messages are shared by the class; each test looks only at its own recipient.</summary>
    private async Task<MimeMessage> ArrivedForAsync(string address)
    {
        var deadline = DateTime.UtcNow + Arrival;
        while (true)
        {
            var mine = smtp.Server.Messages().Where(m => m.To.Mailboxes.Any(a => a.Address == address)).ToList();
            if (mine.Count > 0)
            {
                return Assert.Single(mine);
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"No mail to {address} within {Arrival.TotalSeconds} s. Server output:\n{smtp.Server.ServerOutput()}");
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task An_admin_sends_a_test_email_that_arrives_in_german_with_text_and_html()
    {
        var to = NewAddress();

        var response = await (await AdminAsync()).PostAsJsonAsync("/api/notifications/test-email", new { to });

        await response.AssertStatusAsync(HttpStatusCode.Accepted);
        var message = await ArrivedForAsync(to);
        Assert.Equal("Codex: Test-E-Mail", message.Subject);
        Assert.Equal("codex@sozialwerk-rheinaue.example", message.From.Mailboxes.Single().Address);
        Assert.Contains("Diese Test-E-Mail bestätigt, dass Codex E-Mails versenden kann.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>Diese Test-E-Mail bestätigt, dass Codex E-Mails versenden kann.</p>", WebUtility.HtmlDecode(message.HtmlBody), StringComparison.Ordinal);
        Assert.Contains(to, message.Headers["X-RcptTo"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("keine-adresse")]
    [InlineData("zwei@@codex-tests.example")]
    [InlineData("a,b@codex-tests.example")]
    [InlineData("\"offen@codex-tests.example")]
    [InlineData("mit leerzeichen@codex-tests.example")]
    public async Task A_test_email_to_an_invalid_address_is_a_validation_problem(string to)
    {
        var response = await (await AdminAsync()).PostAsJsonAsync("/api/notifications/test-email", new { to });

        Assert.Equal(["to"], await response.AssertValidationProblemAsync());
    }

    [Fact]
    public async Task A_member_may_not_send_a_test_email()
    {
        var to = NewAddress();

        var response = await (await MemberAsync()).PostAsJsonAsync("/api/notifications/test-email", new { to });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.DoesNotContain(smtp.Server.Messages(), m => m.To.Mailboxes.Any(a => a.Address == to));
    }

    [Fact]
    public async Task The_mail_page_form_sends_a_test_email_for_an_admin()
    {
        var admin = await AdminAsync();
        var page = await admin.GetStringAsync("/admin/mail");
        Assert.Contains($"SMTP {smtp.Server.Host}:{smtp.Server.Port}", page, StringComparison.Ordinal);
        var to = NewAddress();

        var response = await admin.PostAsync("/admin/mail?handler=Test", HtmlForm.Submit(page, "/admin/mail?handler=Test", ("to", to)));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("alert-success", html, StringComparison.Ordinal);
        Assert.DoesNotContain("alert-error", html, StringComparison.Ordinal);
        Assert.Equal("Codex: Test-E-Mail", (await ArrivedForAsync(to)).Subject);
    }

    [Fact]
    public async Task The_mail_page_shows_an_invalid_address_next_to_the_field()
    {
        var admin = await AdminAsync();
        var page = await admin.GetStringAsync("/admin/mail");

        var response = await admin.PostAsync("/admin/mail?handler=Test", HtmlForm.Submit(page, "/admin/mail?handler=Test", ("to", "a,b@codex-tests.example")));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        var error = Assert.Single(FieldError().Matches(html)).Groups[1].Value;
        Assert.Contains("gültige E-Mail-Adresse", WebUtility.HtmlDecode(error), StringComparison.Ordinal);
        Assert.DoesNotContain("alert-success", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_mail_page_is_closed_to_a_member()
    {
        var response = await (await MemberAsync()).GetAsync("/admin/mail");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [System.Text.RegularExpressions.GeneratedRegex("<span id=\"to-error\" class=\"field-error\">([^<]+)</span>")]
    private static partial System.Text.RegularExpressions.Regex FieldError();
}

[Collection(IntegrationCollection.Name)]
public sealed class EmailTestsOnSqlite(PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : EmailTests(DatabaseProvider.Sqlite, postgres, host, smtp), IClassFixture<SharedHost>, IClassFixture<SmtpFixture>;

[Collection(IntegrationCollection.Name)]
public sealed class EmailTestsOnPostgreSql(PostgresFixture postgres, SharedHost host, SmtpFixture smtp)
    : EmailTests(DatabaseProvider.PostgreSql, postgres, host, smtp), IClassFixture<SharedHost>, IClassFixture<SmtpFixture>;
