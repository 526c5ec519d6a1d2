using System.Data.Common;
using Npgsql;
using SqlException = Microsoft.Data.SqlClient.SqlException;

namespace Codex.Shared.Persistence;

/// <summary>
/// Recognises a transaction the database aborted because a concurrent one touched the same rows
/// (a deadlock victim, a serialization failure). Nothing is saved and nothing is wrong with the
/// request: the loser of the race gets a conflict (409) and may simply send it again.
/// </summary>
public static class TransactionRace
{
    private const string PostgresDeadlock = "40P01";
    private const string PostgresSerializationFailure = "40001";
    private const int SqlServerDeadlockVictim = 1205;

    public static bool IsCausedBy(Exception? exception) => DriverErrors.AnyCause(exception, Is);

    private static bool Is(DbException exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState is PostgresDeadlock or PostgresSerializationFailure,
        SqlException sqlServer => sqlServer.Number == SqlServerDeadlockVictim,
        _ => false,
    };
}
