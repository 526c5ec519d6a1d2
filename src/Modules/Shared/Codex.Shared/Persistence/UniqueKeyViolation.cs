using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using SqlException = Microsoft.Data.SqlClient.SqlException;

namespace Codex.Shared.Persistence;

/// <summary>
/// Recognises a unique index refusing a row, on every provider. Two requests that both checked
/// "not there yet" and then both inserted end this way; the loser was simply too late, which is a
/// conflict (409) for the client, not a fault of the server.
/// </summary>
public static class UniqueKeyViolation
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const string PostgresUniqueViolation = "23505";
    private const int SqlServerDuplicateKeyRow = 2601;
    private const int SqlServerUniqueConstraint = 2627;

    /// <summary>True when the exception or one of its inner exceptions is a unique-key violation.</summary>
    public static bool IsCausedBy(Exception? exception) => DriverErrors.AnyCause(exception, Is);

    private static bool Is(DbException exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
            && sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        PostgresException postgres => postgres.SqlState == PostgresUniqueViolation,
        SqlException sqlServer => sqlServer.Number is SqlServerDuplicateKeyRow or SqlServerUniqueConstraint,
        _ => false,
    };
}
