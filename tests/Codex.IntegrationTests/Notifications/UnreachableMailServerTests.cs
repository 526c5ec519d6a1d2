using System.Net;
using System.Net.Http.Json;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;
using Codex.Testing;

namespace Codex.IntegrationTests.Notifications;

/// <summary>
/// The admin's test email while the SMTP server cannot be reached (a port nobody listens on):
/// the API answers 502 problem details in the admin's language, the page shows the reason.
/// </summary>
public abstract class UnreachableMailServerTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    protected override void ConfigureHost(CodexApplicationFactory factory)
    {
        factory.Settings["Notifications:Transport"] = "Smtp";
        factory.Settings["Notifications:Smtp:Host"] = "127.0.0.1";
        // A port just released by the kernel: nothing listens there, so connecting is refused.
        factory.Settings["Notifications:Smtp:Port"] = FreePort.Get().ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.Settings["Notifications:Smtp:Security"] = "None";
    }

    [Fact]
    public async Task The_test_email_api_answers_502_problem_details_in_german_by_default()
    {
        var response = await (await AdminAsync()).PostAsJsonAsync("/api/notifications/test-email", new { to = "niemand@codex-tests.example" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadGateway);
        Assert.StartsWith("Die Test-E-Mail konnte nicht gesendet werden:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_test_email_api_answers_502_problem_details_in_english_when_asked()
    {
        var response = await (await AdminAsync()).PostAsJsonAsync("/api/notifications/test-email?culture=en-GB", new { to = "nobody@codex-tests.example" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadGateway);
        Assert.StartsWith("The test email could not be sent:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_mail_page_shows_that_the_test_email_failed()
    {
        var admin = await AdminAsync();
        var page = await admin.GetStringAsync("/admin/mail");

        var response = await admin.PostAsync("/admin/mail?handler=Test", HtmlForm.Submit(page, "/admin/mail?handler=Test", ("to", "niemand@codex-tests.example")));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<div class=\"alert alert-error\" role=\"alert\">Die Test-E-Mail konnte nicht gesendet werden:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("alert-success", html, StringComparison.Ordinal);
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class UnreachableMailServerTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : UnreachableMailServerTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class UnreachableMailServerTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : UnreachableMailServerTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
