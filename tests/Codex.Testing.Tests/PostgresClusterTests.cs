using Npgsql;

namespace Codex.Testing.Tests;

/// <summary>One cluster for the whole class: starting one takes a few seconds.</summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    public PostgresCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await PostgresCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

public sealed class PostgresClusterTests(PostgresClusterFixture fixture) : IClassFixture<PostgresClusterFixture>
{
    private readonly PostgresCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task A_started_cluster_answers_select_version_on_a_fresh_database()
    {
        var connectionString = await _cluster.CreateDatabaseAsync();

        var version = await ScalarAsync<string>(connectionString, "select version()");

        Assert.StartsWith("PostgreSQL ", version, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cluster_listens_on_loopback_with_the_test_settings()
    {
        var connectionString = await _cluster.CreateDatabaseAsync();

        Assert.Equal("127.0.0.1", await ScalarAsync<string>(connectionString, "show listen_addresses"));
        Assert.Equal("off", await ScalarAsync<string>(connectionString, "show fsync"));
        Assert.Equal("off", await ScalarAsync<string>(connectionString, "show synchronous_commit"));
        Assert.Equal("off", await ScalarAsync<string>(connectionString, "show full_page_writes"));
        Assert.Equal("200", await ScalarAsync<string>(connectionString, "show max_connections"));
        Assert.Equal("UTF8", await ScalarAsync<string>(connectionString, "show server_encoding"));
    }

    [Fact]
    public async Task Two_created_databases_do_not_see_each_others_tables()
    {
        var first = await _cluster.CreateDatabaseAsync();
        var second = await _cluster.CreateDatabaseAsync();
        await ExecuteAsync(first, "create table notes (text text); insert into notes values ('only in the first')");

        Assert.Equal(1L, await ScalarAsync<long>(first, "select count(*) from notes"));
        var error = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync<long>(second, "select count(*) from notes"));
        Assert.Equal(PostgresErrorCodes.UndefinedTable, error.SqlState);
    }

    [Fact]
    public async Task A_database_can_be_created_with_a_chosen_name()
    {
        var connectionString = await _cluster.CreateDatabaseAsync("chosen_name_" + Guid.NewGuid().ToString("N")[..8]);

        var name = await ScalarAsync<string>(connectionString, "select current_database()");

        Assert.StartsWith("chosen_name_", name, StringComparison.Ordinal);
        Assert.Equal(_cluster.ConnectionString(name), connectionString);
    }

    [Fact]
    public async Task A_database_name_that_could_inject_sql_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _cluster.CreateDatabaseAsync("x\"; drop database postgres; --"));
    }

    [Fact]
    public async Task Disposing_a_cluster_stops_the_server_and_deletes_its_folder()
    {
        var cluster = await PostgresCluster.StartAsync();
        var connectionString = cluster.ConnectionString("postgres");
        Assert.Equal(1, await ScalarAsync<int>(connectionString, "select 1"));

        await cluster.DisposeAsync();

        Assert.False(Directory.Exists(cluster.DataDirectory));
        Assert.False(await FreePort.IsAcceptingConnectionsAsync(cluster.Port));
    }

    [Fact]
    public async Task Starting_without_the_server_binaries_fails_with_a_clear_message()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-postgres-here-" + Guid.NewGuid().ToString("N"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgresCluster.StartAsync(missing));

        Assert.Contains("initdb", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install postgresql", error.Message, StringComparison.Ordinal);
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
