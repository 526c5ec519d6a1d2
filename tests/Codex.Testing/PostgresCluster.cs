using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Codex.Testing;

/// <summary>
/// A throw-away PostgreSQL server: its own data directory in a temp folder, its own free port on
/// 127.0.0.1, trust authentication, durability switched off for speed. Nothing to install or
/// configure beyond Debian's <c>postgresql</c> package; tests create one fresh database each.
/// </summary>
/// <remarks>
/// PostgreSQL refuses to run as root, so when the tests run as root, <c>initdb</c> and
/// <c>pg_ctl</c> run as the <c>postgres</c> user through <c>runuser</c>, and the temp folder is
/// handed to that user. Missing binaries make <see cref="StartAsync()"/> throw: a real-database
/// test that silently skips would prove nothing.
/// </remarks>
public sealed partial class PostgresCluster : IAsyncDisposable
{
    /// <summary>The superuser created by initdb; trust authentication means no password.</summary>
    public const string Superuser = "postgres";

    private const string ServiceUser = "postgres";
    private const int StartAttempts = 3;

    private readonly string _binDirectory;
    private readonly string _rootDirectory;
    private readonly string? _runAsUser;

    // Connection strings handed out, so their Npgsql pools can be cleared on dispose.
    private readonly ConcurrentDictionary<string, bool> _handedOut = new();
    private int _disposed;

    private PostgresCluster(string binDirectory, string rootDirectory, string? runAsUser)
    {
        _binDirectory = binDirectory;
        _rootDirectory = rootDirectory;
        _runAsUser = runAsUser;
    }

    /// <summary>Always 127.0.0.1: the server listens on nothing else.</summary>
    public string Host => "127.0.0.1";

    public int Port { get; private set; }

    /// <summary>The PostgreSQL data directory (inside the temp folder deleted on dispose).</summary>
    public string DataDirectory => Path.Combine(_rootDirectory, "data");

    /// <summary>The server log, useful when a test needs to explain a failure.</summary>
    public string LogFile => Path.Combine(_rootDirectory, "server.log");

    private string SocketDirectory => Path.Combine(_rootDirectory, "sock");

    /// <summary>Starts a new cluster using the binaries <c>pg_config --bindir</c> points to.</summary>
    public static Task<PostgresCluster> StartAsync() => StartAsync(binDirectory: null);

    /// <summary>
    /// Starts a new cluster. <paramref name="binDirectory"/> overrides where <c>initdb</c> and
    /// <c>pg_ctl</c> are looked for (otherwise: env CODEX_PG_BINDIR, <c>pg_config --bindir</c>,
    /// the newest /usr/lib/postgresql/*/bin).
    /// </summary>
    public static async Task<PostgresCluster> StartAsync(string? binDirectory)
    {
        var bin = binDirectory ?? await FindBinDirectoryAsync();
        foreach (var tool in new[] { "initdb", "pg_ctl" })
        {
            if (!File.Exists(Path.Combine(bin, tool)))
            {
                throw new InvalidOperationException(
                    $"PostgreSQL server binary '{tool}' not found in '{bin}'. Install the server " +
                    "(Debian: apt-get install postgresql) or set CODEX_PG_BINDIR to the folder holding initdb and pg_ctl.");
            }
        }

        var runAsUser = Environment.IsPrivilegedProcess ? ServiceUser : null;
        // As root the temp folder must be reachable by the postgres user, and root's TMPDIR may be
        // private; /tmp is world-traversable. Short names also keep the unix socket path well under
        // its 107-byte limit.
        var tempBase = runAsUser is null ? Path.GetTempPath() : "/tmp";
        var root = Path.Combine(tempBase, "codex-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        Directory.CreateDirectory(Path.Combine(root, "sock"));

        var cluster = new PostgresCluster(bin, root, runAsUser);
        try
        {
            if (runAsUser is not null)
            {
                await ExternalProcess.RunCheckedAsync("chown", ["-R", $"{runAsUser}:", root], root);
            }
            await cluster.InitDbAsync();
            await cluster.StartServerAsync();
            return cluster;
        }
        catch
        {
            TryDeleteDirectory(root);
            throw;
        }
    }

    /// <summary>A connection string for <paramref name="database"/> on this cluster.</summary>
    public string ConnectionString(string database)
    {
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Username = Superuser,
            Database = database,
            // Server-side details (e.g. which constraint failed) in exception messages: tests only.
            IncludeErrorDetail = true,
        }.ConnectionString;
        _handedOut.TryAdd(connectionString, true);
        return connectionString;
    }

    /// <summary>
    /// Creates a fresh, empty database and returns its connection string. Without a name, a unique
    /// one is generated, so tests sharing a cluster never see each other's data.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "test_" + Guid.NewGuid().ToString("N");
        if (!SafeDatabaseName().IsMatch(name))
        {
            throw new ArgumentException(
                $"Database name '{name}' must be lower-case letters, digits and underscores (max 63 characters).", nameof(name));
        }

        // No pooling: this admin connection must not linger on the maintenance database.
        var adminConnectionString = new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        // template0, not the default template1: copying template1 fails while any session is
        // connected to it, and tests create databases concurrently.
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>
    /// A database outage: stops the server at once (as a crash would) and keeps its data. Every open
    /// connection breaks; new ones are refused until <see cref="StartAgainAsync"/>. For speed the
    /// cluster runs with <c>synchronous_commit = off</c>, so such a crash forgets the commits of the
    /// last few hundred milliseconds: call <see cref="MakeCommitsDurableAsync"/> first when a test
    /// counts on them, as a production server (with the default setting) would.
    /// </summary>
    public async Task StopForOutageAsync()
    {
        var result = await PgCtlAsync(["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "30"]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"PostgreSQL did not stop (pg_ctl exit code {result.ExitCode}):\n{result.Output}");
        }
    }

    /// <summary>Every commit is on disk before it is confirmed (PostgreSQL's default), from now on.</summary>
    public async Task MakeCommitsDurableAsync()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("ALTER SYSTEM SET synchronous_commit = 'on'; SELECT pg_reload_conf();", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Ends an outage: the same data on the same port, so clients reconnect by themselves.</summary>
    public async Task StartAgainAsync()
    {
        var result = await PgCtlAsync(
            [
                "start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60",
                "-o", "-p " + Port.ToString(CultureInfo.InvariantCulture),
            ]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"PostgreSQL did not start again on port {Port} (pg_ctl exit code {result.ExitCode}).\n{result.Output}\n{ReadLog()}");
        }
    }

    /// <summary>The server log so far (empty if there is none yet).</summary>
    public string ReadLog() => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";

    /// <summary>Stops the server (immediate mode: no checkpoint, nothing worth keeping) and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        AppDomain.CurrentDomain.ProcessExit -= StopOnProcessExit;
        try
        {
            await PgCtlAsync(["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "30"]);
        }
        finally
        {
            // Pooled connections to a stopped server would fail later if the port got reused.
            foreach (var connectionString in _handedOut.Keys)
            {
                using var connection = new NpgsqlConnection(connectionString);
                NpgsqlConnection.ClearPool(connection);
            }
            TryDeleteDirectory(_rootDirectory);
        }
    }

    private async Task InitDbAsync()
    {
        await ExternalProcess.RunCheckedAsync(
            Path.Combine(_binDirectory, "initdb"),
            [
                "-D", DataDirectory,
                "-U", Superuser,
                "--auth=trust",      // local and host (127.0.0.1) connections need no password
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",         // a test cluster need not survive a power cut
                "--no-instructions",
            ],
            _rootDirectory,
            _runAsUser);

        // Settings for a disposable, fast server. Port is passed at start (it may be retried).
        var settings = $"""

            # --- Codex test cluster ---
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '{SocketDirectory}'
            max_connections = 200
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            logging_collector = off
            """;
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), settings + "\n");
    }

    private async Task StartServerAsync()
    {
        // The free port could be taken between FreePort.Get() and the server binding it: retry then.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Get();
            var result = await PgCtlAsync(
                [
                    "start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60",
                    "-o", "-p " + port.ToString(CultureInfo.InvariantCulture),
                ]);
            if (result.ExitCode == 0)
            {
                Port = port;
                AppDomain.CurrentDomain.ProcessExit += StopOnProcessExit;
                return;
            }

            var log = ReadLog();
            if (attempt < StartAttempts && log.Contains("could not bind", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            throw new InvalidOperationException(
                $"PostgreSQL did not start on port {port} (pg_ctl exit code {result.ExitCode}).\n" +
                $"pg_ctl output:\n{result.Output}\nServer log ({LogFile}):\n{log}");
        }
    }

    // A test run that ends without disposing (an aborted run, a forgotten await using) would
    // otherwise leave a postmaster running after the test process is gone.
    private void StopOnProcessExit(object? sender, EventArgs e)
    {
        try
        {
            DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // Best effort during process exit: nothing is left to report to.
        }
    }

    private Task<ExternalProcess.Result> PgCtlAsync(IEnumerable<string> arguments) =>
        ExternalProcess.RunAsync(Path.Combine(_binDirectory, "pg_ctl"), arguments, _rootDirectory, _runAsUser);

    private static async Task<string> FindBinDirectoryAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("CODEX_PG_BINDIR");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        try
        {
            var result = await ExternalProcess.RunAsync("pg_config", ["--bindir"], Path.GetTempPath());
            var bin = result.Output.Trim();
            if (result.ExitCode == 0 && File.Exists(Path.Combine(bin, "initdb")))
            {
                return bin;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // pg_config is not installed (it comes with libpq-dev / postgresql-common); look on disk.
        }

        // Debian keeps each major version's server binaries in /usr/lib/postgresql/<major>/bin.
        const string DebianRoot = "/usr/lib/postgresql";
        var newest = Directory.Exists(DebianRoot)
            ? Directory.GetDirectories(DebianRoot)
                .Select(dir => (Dir: dir, Major: int.TryParse(Path.GetFileName(dir), out var major) ? major : -1))
                .Where(candidate => File.Exists(Path.Combine(candidate.Dir, "bin", "initdb")))
                .OrderByDescending(candidate => candidate.Major)
                .Select(candidate => Path.Combine(candidate.Dir, "bin"))
                .FirstOrDefault()
            : null;
        return newest ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) not found: neither 'pg_config --bindir' nor " +
            $"{DebianRoot}/*/bin has them. Install the server (Debian: apt-get install postgresql) or set CODEX_PG_BINDIR.");
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test run for.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SafeDatabaseName();
}
