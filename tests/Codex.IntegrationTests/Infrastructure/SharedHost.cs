using Codex.Shared.Persistence;
using Codex.Testing;

namespace Codex.IntegrationTests.Infrastructure;

/// <summary>
/// One host per test class (an xunit class fixture), started on first use, with one signed-in
/// client per demo login. Sign-ins are cached: the login page is rate limited (20 requests per
/// minute per address), and each sign-in costs a password hash.
/// </summary>
public sealed class SharedHost : IAsyncLifetime
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<string, HttpClient> _clients = [];
    private CodexApplicationFactory? _factory;

    public CodexApplicationFactory Factory => _factory ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>Starts the host the first time it is asked for; later calls return the same one.</summary>
    public async Task<CodexApplicationFactory> StartAsync(
        DatabaseProvider provider, PostgresFixture postgres, Action<CodexApplicationFactory> configure)
    {
        await _lock.WaitAsync();
        try
        {
            if (_factory is null)
            {
                var factory = await CodexApplicationFactory.ForAsync(
                    provider, provider == DatabaseProvider.PostgreSql ? postgres.Cluster : null);
                factory.Quiet();
                configure(factory);
                _ = factory.Services; // starts the host: migrations and demo seed run now
                _factory = factory;
            }

            return _factory;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task<HttpClient> SignedInAsync(string login)
    {
        await _lock.WaitAsync();
        try
        {
            if (!_clients.TryGetValue(login, out var client))
            {
                client = await Factory.SignInAsync(login);
                _clients[login] = client;
            }

            return client;
        }
        finally
        {
            _lock.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        _lock.Dispose();
    }
}

public static class HostSettings
{
    /// <summary>Warnings and errors only: a failing test still shows why, a passing run stays readable.</summary>
    public static CodexApplicationFactory Quiet(this CodexApplicationFactory factory)
    {
        factory.Settings["Logging:LogLevel:Default"] = "Warning";
        return factory;
    }
}
