using System.Diagnostics;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Jobs;
using Codex.Shared.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Codex.IntegrationTests.Recovery;

/// <summary>
/// The lock that lets each job run once at a time belongs to a database session: it never makes
/// a run wait, and it ends with its holder — no stale lock after a crash.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class JobLockTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_second_run_gives_up_at_once_while_the_first_holds_the_lock_and_gets_it_after_release()
    {
        var locks = await LocksAsync();
        var first = await locks.TryAcquireAsync("email-send", CancellationToken.None);
        Assert.NotNull(first);

        var watch = Stopwatch.StartNew();
        Assert.Null(await locks.TryAcquireAsync("email-send", CancellationToken.None));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"Giving up took {watch.Elapsed}.");
        await using (var other = await locks.TryAcquireAsync("outbox-dispatch", CancellationToken.None))
        {
            Assert.NotNull(other); // another job's lock is independent
        }

        await first.DisposeAsync();
        await using var again = await locks.TryAcquireAsync("email-send", CancellationToken.None);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task When_the_holders_session_dies_the_lock_is_free_at_once_and_the_holder_is_told_to_stop()
    {
        var connectionString = await postgres.Cluster.CreateDatabaseAsync();
        var locks = new JobLocks(new DatabaseOptions(DatabaseProvider.PostgreSql, connectionString), NullLogger<JobLocks>.Instance);
        await using var held = await locks.TryAcquireAsync("email-send", CancellationToken.None);
        Assert.NotNull(held);

        // As if the holder's host had crashed: the server ends its session.
        await using (var admin = new NpgsqlConnection(connectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted " +
                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", admin);
            Assert.Equal(true, await kill.ExecuteScalarAsync());
        }

        await using var successor = await locks.TryAcquireAsync("email-send", CancellationToken.None);
        Assert.NotNull(successor);
        var lost = Stopwatch.StartNew();
        while (!held.Lost.IsCancellationRequested)
        {
            Assert.True(lost.Elapsed < JobLocks.CheckEvery * 3, "The holder was not told that its lock is gone.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task On_the_embedded_database_the_lock_is_held_in_the_process()
    {
        var locks = new JobLocks(new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=unused.db"), NullLogger<JobLocks>.Instance);
        var name = "test-" + Guid.NewGuid().ToString("N");
        await using (var held = await locks.TryAcquireAsync(name, CancellationToken.None))
        {
            Assert.NotNull(held);
            Assert.Null(await locks.TryAcquireAsync(name, CancellationToken.None));
        }

        await using var again = await locks.TryAcquireAsync(name, CancellationToken.None);
        Assert.NotNull(again);
    }

    private async Task<JobLocks> LocksAsync() =>
        new(new DatabaseOptions(DatabaseProvider.PostgreSql, await postgres.Cluster.CreateDatabaseAsync()), NullLogger<JobLocks>.Instance);
}
