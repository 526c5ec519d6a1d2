using Codex.Shared.Persistence;
using Codex.Testing;

namespace Codex.IntegrationTests.Infrastructure;

/// <summary>
/// Base of the tests that talk to a host shared by their class. Each suite is an abstract class
/// derived from this; one sealed subclass per database provider runs the same tests on it.
/// </summary>
public abstract class HostTest(DatabaseProvider provider, PostgresFixture postgres, SharedHost host) : IAsyncLifetime
{
    protected DatabaseProvider Provider { get; } = provider;

    protected PostgresFixture Postgres { get; } = postgres;

    protected CodexApplicationFactory Factory => host.Factory;

    /// <summary>Configuration of the shared host, applied before it starts.</summary>
    protected virtual void ConfigureHost(CodexApplicationFactory factory)
    {
    }

    protected Task<HttpClient> AdminAsync() => host.SignedInAsync(DemoLogins.Admin);

    protected Task<HttpClient> HumanResourcesAsync() => host.SignedInAsync(DemoLogins.HumanResources);

    protected Task<HttpClient> TeamLeadAsync() => host.SignedInAsync(DemoLogins.TeamLead);

    protected Task<HttpClient> MemberAsync() => host.SignedInAsync(DemoLogins.Member);

    public virtual async Task InitializeAsync() => await host.StartAsync(Provider, Postgres, ConfigureHost);

    public virtual Task DisposeAsync() => Task.CompletedTask;
}
