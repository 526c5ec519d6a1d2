using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Codex.Shared.Persistence;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Codex.Shared.Jobs;

/// <summary>
/// One run of a job at a time across all hosts. The lock belongs to a database session, not to a
/// row with a timeout: it ends the moment its holder's connection ends — a crashed host, a killed
/// process, a restarted database — so nobody waits for a stale lock. Taking it never waits.
/// </summary>
public interface IJobLocks
{
    /// <summary>The lock, or null at once when another run holds it.</summary>
    Task<IJobLock?> TryAcquireAsync(string name, CancellationToken cancellationToken);
}

/// <summary>A held lock. <see cref="Lost"/> fires when its session breaks: the holder must stop then.</summary>
public interface IJobLock : IAsyncDisposable
{
    CancellationToken Lost { get; }
}

/// <summary>Chooses the lock the provider offers: advisory locks (PostgreSQL), application locks (SQL Server), in-process (SQLite, one host).</summary>
public sealed class JobLocks(DatabaseOptions database, ILogger<JobLocks> logger) : IJobLocks
{
    /// <summary>How often a holder checks that its session is still alive.</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> InProcess = new(StringComparer.Ordinal);

    public async Task<IJobLock?> TryAcquireAsync(string name, CancellationToken cancellationToken)
    {
        var resource = "codex:job:" + name;
        switch (database.Provider)
        {
            case DatabaseProvider.PostgreSql:
                return await SessionLock.TryAcquireAsync(
                    new NpgsqlConnection(SessionConnectionString(new NpgsqlConnectionStringBuilder(database.ConnectionString))),
                    "SELECT pg_try_advisory_lock(@key)",
                    "SELECT pg_advisory_unlock(@key)",
                    command => Parameter(command, "key", AdvisoryKey(resource)),
                    result => result is true,
                    database.Provider, logger, cancellationToken);
            case DatabaseProvider.SqlServer:
                return await SessionLock.TryAcquireAsync(
                    new SqlConnection(new SqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString),
                    "DECLARE @r int; EXEC @r = sp_getapplock @Resource = @key, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0; SELECT @r",
                    "EXEC sp_releaseapplock @Resource = @key, @LockOwner = 'Session'",
                    command => Parameter(command, "key", resource),
                    result => result is int code && code >= 0,
                    database.Provider, logger, cancellationToken);
            default:
                var gate = InProcess.GetOrAdd(resource, _ => new SemaphoreSlim(1, 1));
                return await gate.WaitAsync(0, cancellationToken) ? new InProcessLock(gate) : null;
        }
    }

    /// <summary>
    /// Its own connection, outside the pool (a pooled connection would keep the session — and the
    /// lock — alive after release fails), with TCP keep-alive so a vanished server is noticed.
    /// </summary>
    private static string SessionConnectionString(NpgsqlConnectionStringBuilder builder)
    {
        builder.Pooling = false;
        builder.KeepAlive = 5;
        builder.Timeout = 5;
        return builder.ConnectionString;
    }

    /// <summary>PostgreSQL's advisory locks are keyed by a 64-bit number: a stable hash of the name.</summary>
    public static long AdvisoryKey(string resource) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(resource)), 0);

    private static void Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private sealed class InProcessLock(SemaphoreSlim gate) : IJobLock
    {
        public CancellationToken Lost => CancellationToken.None;

        public ValueTask DisposeAsync()
        {
            gate.Release();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A lock held by one open connection (used by nothing else), watched by a cheap query every few seconds.</summary>
    private sealed class SessionLock : IJobLock
    {
        private readonly DbConnection _connection;
        private readonly string _releaseSql;
        private readonly Action<DbCommand> _bind;
        private readonly DatabaseProvider _provider;
        private readonly ILogger _logger;
        private readonly CancellationTokenSource _lost = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _watch;

        private SessionLock(DbConnection connection, string releaseSql, Action<DbCommand> bind, DatabaseProvider provider, ILogger logger)
        {
            _provider = provider;
            _connection = connection;
            _releaseSql = releaseSql;
            _bind = bind;
            _logger = logger;
            _watch = WatchAsync();
        }

        public CancellationToken Lost => _lost.Token;

        public static async Task<IJobLock?> TryAcquireAsync(
            DbConnection connection, string acquireSql, string releaseSql, Action<DbCommand> bind, Func<object?, bool> acquired,
            DatabaseProvider provider, ILogger logger, CancellationToken cancellationToken)
        {
            try
            {
                await connection.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = acquireSql;
                bind(command);
                if (acquired(await command.ExecuteScalarAsync(cancellationToken)))
                {
                    return new SessionLock(connection, releaseSql, bind, provider, logger);
                }
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }

            await connection.DisposeAsync();
            return null;
        }

        private async Task WatchAsync()
        {
            try
            {
                while (true)
                {
                    await Task.Delay(CheckEvery, _stop.Token);
                    await using var ping = _connection.CreateCommand();
                    ping.CommandText = "SELECT 1";
                    ping.CommandTimeout = 5;
                    await ping.ExecuteScalarAsync(_stop.Token);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // Released normally.
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException or TimeoutException)
            {
                // The session is gone, and the lock with it: another host may start the job now.
                _logger.LogWarning("Job lock session lost: {Error}", ex.Message);
                ConnectionPools.ForgetAll(_provider);
                await _lost.CancelAsync();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _watch;
            if (!_lost.IsCancellationRequested)
            {
                try
                {
                    await using var release = _connection.CreateCommand();
                    release.CommandText = _releaseSql;
                    _bind(release);
                    await release.ExecuteNonQueryAsync();
                }
                catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException)
                {
                    // Closing the connection below ends the session, which releases the lock anyway.
                    _logger.LogInformation("Job lock release failed, closing its session instead: {Error}", ex.Message);
                }
            }

            await _connection.DisposeAsync();
            _lost.Dispose();
            _stop.Dispose();
        }
    }
}
