using System.Net;
using System.Net.Http.Json;
using Codex.IntegrationTests.Infrastructure;
using Codex.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Codex.IntegrationTests.Outage;

/// <summary>
/// The error log is for faults of Codex: an operator alerted by it should find something to fix.
/// Starting on an empty database and a client's conflict (409) are no faults, so they log no error.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class ErrorLogLevelTests(ErrorLogLevelTests.LoggedHost host) : IClassFixture<ErrorLogLevelTests.LoggedHost>
{
    [Fact]
    public void Starting_on_an_empty_PostgreSQL_database_logs_no_error()
    {
        Assert.Empty(host.StartupErrors);
    }

    [Fact]
    public async Task A_rename_with_a_stale_version_is_a_409_that_logs_no_error()
    {
        var admin = await host.SignInAsync(DemoLogins.Admin);
        var id = await admin.CreateUnitAsync($"Vor dem Konflikt {Guid.NewGuid():N}", "Department", await admin.UnitIdAsync(CodexApi.DemoOrganisation));
        var seen = await admin.UnitAsync(id);
        (await admin.PutAsJsonAsync($"/api/org/units/{id}/name", new { name = $"Erste {Guid.NewGuid():N}", version = seen.Version }))
            .EnsureSuccessStatusCode();
        host.Errors.Drain();

        var stale = await admin.PutAsJsonAsync($"/api/org/units/{id}/name", new { name = $"Zu spät {Guid.NewGuid():N}", version = seen.Version });

        await stale.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Empty(host.Errors.Drain());
        // Logged once, as what it is.
        Assert.Contains(host.Entries.Snapshot(), e => e.Level == LogLevel.Information && e.Message.Contains($"PUT /api/org/units/{id}/name answered 409", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Simultaneous_creations_of_the_same_email_end_in_a_409_for_the_later_ones_that_logs_no_error()
    {
        var admin = await host.SignInAsync(DemoLogins.Admin);
        host.Errors.Drain();

        // The unique index refuses the later ones only when they pass the validator at the same
        // moment: a few rounds until one of them is that conflict rather than a 400.
        var statuses = new List<HttpStatusCode>();
        for (var round = 0; round < 20 && !statuses.Contains(HttpStatusCode.Conflict); round++)
        {
            var email = $"gleichzeitig.{Guid.NewGuid():N}@codex-tests.example";
            using var start = new SemaphoreSlim(0, 5);
            var creations = Enumerable.Range(1, 5).Select(async i =>
            {
                await start.WaitAsync();
                return await admin.PostAsJsonAsync("/api/org/people", new { firstName = $"Person{i}", lastName = "Gleichzeitig", email, preferredLanguage = "de" });
            }).ToList();
            start.Release(5);
            statuses.AddRange((await Task.WhenAll(creations)).Select(r => r.StatusCode));
        }

        Assert.Contains(HttpStatusCode.Conflict, statuses);
        Assert.DoesNotContain(HttpStatusCode.InternalServerError, statuses);
        Assert.Empty(host.Errors.Drain());
    }

    /// <summary>A host on a fresh PostgreSQL database whose error log is captured from the first line on, migrations included.</summary>
    public sealed class LoggedHost(PostgresFixture postgres) : IAsyncLifetime
    {
        private CodexApplicationFactory? _factory;
        private WebApplicationFactory<Program>? _host;

        public ErrorLog Errors { get; } = new();

        /// <summary>What the error contract logs, at every level.</summary>
        public ContractLog Entries { get; } = new();

        public IReadOnlyList<string> StartupErrors { get; private set; } = [];

        public async Task InitializeAsync()
        {
            _factory = (await CodexApplicationFactory.ForPostgreSqlAsync(postgres.Cluster)).Quiet();
            _host = _factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(Errors).AddProvider(Entries).AddFilter<ContractLog>(null, LogLevel.Information)));
            _ = _host.Services; // starts the host: migrations on the empty database, the demo seed, Hangfire's schema
            StartupErrors = Errors.Drain();
        }

        /// <summary>Signs in through the login form of this host (<see cref="CodexApplicationFactory.SignInAsync"/> would start another).</summary>
        public async Task<HttpClient> SignInAsync(string email)
        {
            var client = _host!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = email,
                ["Input.Password"] = DemoLogins.Password,
                ["__RequestVerificationToken"] = await CodexApplicationFactory.AntiforgeryTokenAsync(client, "/Account/Login"),
            }));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return client;
        }

        public async Task DisposeAsync()
        {
            if (_host is not null)
            {
                await _host.DisposeAsync();
            }

            if (_factory is not null)
            {
                await _factory.DisposeAsync();
            }
        }
    }

    /// <summary>The lines of <see cref="Codex.Shared.Errors.ProblemDetailsExceptionHandler"/>, whatever their level.</summary>
    public sealed class ContractLog : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();

        public IReadOnlyList<(LogLevel Level, string Message)> Snapshot() => [.. _entries];

        public ILogger CreateLogger(string categoryName) => new Capture(this, categoryName == typeof(Codex.Shared.Errors.ProblemDetailsExceptionHandler).FullName);

        public void Dispose()
        {
        }

        private sealed class Capture(ContractLog log, bool captures) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => captures;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (captures)
                {
                    log._entries.Enqueue((logLevel, formatter(state, exception)));
                }
            }
        }
    }
}
