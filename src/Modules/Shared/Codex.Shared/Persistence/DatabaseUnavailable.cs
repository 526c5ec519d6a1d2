using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;
using SqlException = Microsoft.Data.SqlClient.SqlException;

namespace Codex.Shared.Persistence;

/// <summary>
/// Recognises "the database cannot be reached right now", on every provider: the server is down,
/// restarting, refusing connections or too busy. Nothing is wrong with the request or with Codex;
/// the same request will work again in a few seconds, so the client gets a 503 with
/// <c>Retry-After</c>, not a 500 (see <see cref="Errors.ErrorContract"/>).
/// </summary>
/// <remarks>
/// Looks through the whole chain of inner exceptions: EF Core wraps these in
/// <c>InvalidOperationException</c> ("likely due to a transient failure"), <c>DbUpdateException</c>
/// or <c>RetryLimitExceededException</c>.
/// </remarks>
public static class DatabaseUnavailable
{
    private const int SqliteBusy = 5;
    private const int SqliteCantOpen = 14;

    // SQL Server and Azure SQL: timeout (-2), network errors (53, 64, 233, 10053, 10054, 10060,
    // 11001), database not available (4060, 40613), throttling (10928, 10929, 40501), service
    // errors (40197, 49918–49920), server shutting down (6005). A failed login (18456) is not among
    // them: a wrong password in the settings is a fault, not an outage.
    private static readonly HashSet<int> SqlServerUnavailable =
        [-2, 53, 64, 233, 4060, 6005, 10053, 10054, 10060, 10928, 10929, 11001, 40197, 40501, 40613, 49918, 49919, 49920];

    /// <summary>True when the exception or one of its inner exceptions says the database is unreachable.</summary>
    public static bool IsCausedBy(Exception? exception) => DriverErrors.AnyCause(exception, Is);

    private static bool Is(DbException exception) => exception switch
    {
        // Admin shutdown, crash shutdown, "the database system is starting up" (57P01–57P03),
        // connection exceptions (class 08), too many connections (53300).
        PostgresException postgres => postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState == "53300",
        // No server answer at all: refused or broken connection, or a timeout while opening.
        NpgsqlException npgsql => npgsql.InnerException is SocketException or IOException or TimeoutException,
        SqlException sqlServer => SqlServerUnavailable.Contains(sqlServer.Number) || sqlServer.IsTransient,
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteCantOpen,
        _ => false,
    };
}
