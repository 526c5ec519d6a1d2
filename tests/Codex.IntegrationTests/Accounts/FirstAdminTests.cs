using System.Net;
using Codex.Host.Identity;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;
using Codex.Testing;

namespace Codex.IntegrationTests.Accounts;

/// <summary>
/// A real organisation's first day: an empty database without demo data, no account at all,
/// and the operator's one command that creates the first administrator.
/// </summary>
public abstract class FirstAdminTests(DatabaseProvider provider, PostgresFixture postgres) : IAsyncLifetime
{
    private CodexApplicationFactory? _factory;

    private CodexApplicationFactory Factory => _factory!;

    public async Task InitializeAsync()
    {
        _factory = await CodexApplicationFactory.ForAsync(provider, provider == DatabaseProvider.PostgreSql ? postgres.Cluster : null);
        _factory.Quiet();
        _factory.Settings["Demo:Seed"] = "false";
        _factory.Settings["Jobs:RunServer"] = "false";
        _ = _factory.Services;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    [Fact]
    public async Task Without_demo_data_there_is_no_account_until_the_operator_creates_the_first_admin_whose_link_works_once()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Factory.SignInAsync(DemoLogins.Admin));

        var (created, errors) = await AdminCommandLine.CreateAsync(Factory.Services, "gf@caritas-musterstadt.example", "Greta Fuchs");
        Assert.Null(errors);
        Assert.NotNull(created!.ActivationPath);

        var browser = Factory.CreateAnonymousClient();
        Assert.Contains("Greta Fuchs", await browser.GetStringAsync(created.ActivationPath), StringComparison.Ordinal);
        var accepted = await browser.SetPasswordAsync(created.ActivationPath, AccountTesting.StrongPassword);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/jobs")).StatusCode);
        var people = await browser.GetOkAsync<PeoplePage>("/api/org/people?search=Fuchs");
        Assert.Equal("Greta", Assert.Single(people.Items).FirstName);
    }

    [Fact]
    public async Task The_command_is_refused_once_an_administrator_exists()
    {
        var (first, _) = await AdminCommandLine.CreateAsync(Factory.Services, "gf@caritas-musterstadt.example", "Greta Fuchs");
        Assert.NotNull(first!.ActivationPath);

        var (second, _) = await AdminCommandLine.CreateAsync(Factory.Services, "mallory@example.org", "Mallory Meier");
        Assert.Null(second!.ActivationPath);
        Assert.Null(second.PersonId);
    }

    [Fact]
    public async Task The_command_line_prints_the_activation_link_and_refuses_bad_input()
    {
        var output = new StringWriter();
        Assert.Equal(2, await AdminCommandLine.RunOnServicesAsync(Factory.Services, ["create", "--email", "kein-at-zeichen", "--name", "Greta Fuchs"], output));
        Assert.Equal(2, await AdminCommandLine.RunOnServicesAsync(Factory.Services, ["create"], output));
        Assert.Equal(0, await AdminCommandLine.RunOnServicesAsync(Factory.Services, ["create", "--email", "gf@caritas-musterstadt.example", "--name", "Greta Fuchs"], output));
        Assert.Contains("/Account/Activate?token=", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await AdminCommandLine.RunOnServicesAsync(Factory.Services, ["create", "--email", "other@example.org", "--name", "Otto Other"], output));
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class FirstAdminTestsOnSqlite(PostgresFixture postgres) : FirstAdminTests(DatabaseProvider.Sqlite, postgres);

[Collection(IntegrationCollection.Name)]
public sealed class FirstAdminTestsOnPostgreSql(PostgresFixture postgres) : FirstAdminTests(DatabaseProvider.PostgreSql, postgres);
