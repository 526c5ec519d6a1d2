using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Codex.Host.Identity;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;
using Codex.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.IntegrationTests;

/// <summary>Sign-in, roles, public endpoints, security headers and the language switch.</summary>
public abstract class AccessTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    [Fact]
    public async Task The_host_starts_on_an_empty_database_with_every_migration_applied_and_the_demo_seeded()
    {
        using var scope = Factory.Services.CreateScope();
        var contextTypes = scope.ServiceProvider.GetRequiredService<ModuleCatalog>().Modules
            .Select(m => m.DbContextType).OfType<Type>().Append(typeof(CodexIdentityDbContext)).ToList();
        Assert.Equal(6, contextTypes.Count); // Organization, TeamCodex, Skills, Learning, Notifications, Identity

        foreach (var type in contextTypes)
        {
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(type);
            Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }

        var tree = await (await AdminAsync()).TreeAsync();
        Assert.Equal(1, tree.Count(u => u.Kind == "Organisation"));
        Assert.Equal(3, tree.Count(u => u.Kind == "Department"));
        Assert.Equal(6, tree.Count(u => u.Kind == "Team"));
    }

    [Fact]
    public async Task An_anonymous_api_request_gets_401_problem_details()
    {
        var response = await Factory.CreateAnonymousClient().GetAsync("/api/org/units");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_anonymous_page_request_is_redirected_to_the_login_page()
    {
        var response = await Factory.CreateAnonymousClient().GetAsync("/org");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Contains("/Account/Login", location, StringComparison.Ordinal);
        Assert.Contains("ReturnUrl=%2Forg", location, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_200_without_sign_in(string path)
    {
        var response = await Factory.CreateAnonymousClient().GetAsync(path);

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_requires_sign_in_and_then_describes_the_api()
    {
        var anonymous = await Factory.CreateAnonymousClient().GetAsync("/openapi/v1.json");
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized);

        var response = await (await MemberAsync()).GetAsync("/openapi/v1.json");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/org/units", out _));
    }

    [Fact]
    public async Task A_wrong_password_keeps_the_user_on_the_login_page_with_an_error()
    {
        var client = Factory.CreateAnonymousClient();
        var token = await CodexApplicationFactory.AntiforgeryTokenAsync(client, "/Account/Login");

        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = DemoLogins.TeamLead,
            ["Input.Password"] = "not-the-password",
            ["__RequestVerificationToken"] = token,
        }));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"login-error\"", html, StringComparison.Ordinal);
        Assert.Contains("E-Mail-Adresse oder Passwort ist falsch.", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/org/units")).StatusCode);
    }

    [Fact]
    public async Task A_team_member_cannot_create_org_units()
    {
        var admin = await AdminAsync();
        var organisation = await admin.UnitIdAsync(CodexApi.DemoOrganisation);
        var name = "Abteilung eines Mitglieds " + Guid.NewGuid().ToString("N")[..6];

        var response = await (await MemberAsync()).PostAsJsonAsync(
            "/api/org/units", new { name, kind = "Department", parentId = organisation });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.DoesNotContain(await admin.TreeAsync(), u => u.Name == name);
    }

    [Fact]
    public async Task The_jobs_dashboard_opens_for_an_admin_but_not_for_a_member_or_anonymously()
    {
        var asAdmin = await (await AdminAsync()).GetAsync("/jobs");
        await asAdmin.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Contains("Hintergrundjobs", await asAdmin.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var asMember = await (await MemberAsync()).GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.Forbidden, asMember.StatusCode);

        var anonymous = await Factory.CreateAnonymousClient().GetAsync("/jobs");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.True((int)anonymous.StatusCode < 500, $"/jobs anonymously answered {(int)anonymous.StatusCode}");
    }

    [Fact]
    public async Task Pages_are_sent_with_security_headers()
    {
        var response = await Factory.CreateAnonymousClient().GetAsync("/Account/Login");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task The_login_page_is_german_by_default()
    {
        var html = await Factory.CreateAnonymousClient().GetStringAsync("/Account/Login");

        Assert.Contains("<html lang=\"de\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Anmelden</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign in", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_in_the_page_header_turns_the_login_page_english()
    {
        var client = Factory.CreateAnonymousClient();
        var page = await client.GetStringAsync("/Account/Login");

        // Exactly what the browser sends when the "English" button of the header form is pressed.
        var response = await client.PostAsync("/culture", HtmlForm.Submit(page, "/culture", ("culture", "en-GB")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location?.ToString());
        var html = await client.GetStringAsync("/Account/Login");
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Sign in</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Anmelden", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/\\x")]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\u0001x")]
    public async Task The_language_switch_sends_a_foreign_or_malformed_return_address_home(string returnUrl)
    {
        var client = Factory.CreateAnonymousClient();
        var token = await CodexApplicationFactory.AntiforgeryTokenAsync(client, "/Account/Login");

        var response = await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "en-GB",
            ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task The_language_switch_refuses_a_post_without_the_antiforgery_token()
    {
        var client = Factory.CreateAnonymousClient();
        _ = await client.GetStringAsync("/Account/Login"); // the antiforgery cookie alone is not enough

        var response = await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "en-GB",
            ["returnUrl"] = "/Account/Login",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<h1>Anmelden</h1>", await client.GetStringAsync("/Account/Login"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_through_the_page_header_ends_the_session()
    {
        var client = await Factory.SignInAsync(DemoLogins.HumanResources);
        var page = await client.GetStringAsync("/");

        var response = await client.PostAsync("/Account/Logout", HtmlForm.Submit(page, "/Account/Logout"));

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"Sign-out answered {(int)response.StatusCode}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/org/units")).StatusCode);
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class AccessTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : AccessTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class AccessTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : AccessTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
