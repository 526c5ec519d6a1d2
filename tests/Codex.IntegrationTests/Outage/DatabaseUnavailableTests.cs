using System.Net.Sockets;
using System.Reflection;
using Codex.Shared.Errors;
using Codex.Shared.Persistence;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Codex.IntegrationTests.Outage;

/// <summary>
/// Which failures mean "the database cannot be reached right now" (503 with Retry-After) on each
/// provider, however EF Core wraps them, and which ones do not (a conflict stays a 409, a fault a 500).
/// </summary>
public sealed class DatabaseUnavailableTests
{
    public static TheoryData<string, Exception> Unreachable() => new()
    {
        { "PostgreSQL refuses the connection", new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)) },
        { "PostgreSQL breaks an open connection", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()) },
        { "PostgreSQL does not answer in time", new NpgsqlException("The operation has timed out", new TimeoutException()) },
        { "PostgreSQL shuts down", Postgres("57P01") },
        { "PostgreSQL crashed", Postgres("57P02") },
        { "PostgreSQL is starting up", Postgres("57P03") },
        { "PostgreSQL connection failure", Postgres("08006") },
        { "PostgreSQL has too many connections", Postgres("53300") },
        { "SQL Server timeout", SqlServer(-2) },
        { "SQL Server network path not found", SqlServer(53) },
        { "SQL Server database not available", SqlServer(4060) },
        { "Azure SQL database not available", SqlServer(40613) },
        { "Azure SQL throttling", SqlServer(10928) },
        { "SQLite busy", new SqliteException("database is locked", 5) },
        { "SQLite cannot open the file", new SqliteException("unable to open database file", 14) },
        { "EF's transient-failure wrapper", new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", Postgres("57P01")) },
        { "EF's retries exhausted", new RetryLimitExceededException("Maximum number of retries exceeded.", SqlServer(40613)) },
        { "a failed save", new DbUpdateException("An error occurred while saving the entity changes.", new NpgsqlException("Exception while writing to stream", new IOException())) },
    };

    public static TheoryData<string, Exception, int?> NotUnreachable() => new()
    {
        { "a unique key violation is a conflict", new DbUpdateException("save failed", Postgres("23505")), 409 },
        { "a stale version is a conflict", new DbUpdateConcurrencyException("stale"), 409 },
        { "a serialization failure is a lost race, no outage", Postgres("40001"), 409 },
        { "a deadlock victim is a lost race, no outage", new DbUpdateException("save failed", Postgres("40P01")), 409 },
        { "a SQL Server deadlock victim is a lost race", SqlServer(1205), 409 },
        { "a missing table is a fault", Postgres("42P01"), null },
        { "a failed SQL Server login is a fault", SqlServer(18456), null },
        { "a SQLite constraint is no outage", new SqliteException("constraint failed", 19, 787), null },
        { "a protocol error without a network cause is a fault", new NpgsqlException("Unknown message code"), null },
        { "an ordinary bug is a fault", new InvalidOperationException("Sequence contains no elements"), null },
    };

    [Theory]
    [MemberData(nameof(Unreachable))]
    public void An_unreachable_database_answers_503(string because, Exception exception)
    {
        Assert.True(DatabaseUnavailable.IsCausedBy(exception), because);
        Assert.Equal(503, ErrorContract.ClientStatus(exception));
    }

    [Theory]
    [MemberData(nameof(NotUnreachable))]
    public void Other_database_failures_keep_their_status(string because, Exception exception, int? status)
    {
        Assert.False(DatabaseUnavailable.IsCausedBy(exception), because);
        Assert.Equal(status, ErrorContract.ClientStatus(exception));
    }

    private static PostgresException Postgres(string sqlState) => new("server message", "FATAL", "FATAL", sqlState);

    /// <summary>SqlClient builds its exceptions only internally: the same way, through its factory.</summary>
    private static SqlException SqlServer(int number)
    {
        var error = (SqlError)typeof(SqlError).GetConstructors(BindingFlags.NonPublic | BindingFlags.Instance)
            .OrderBy(c => c.GetParameters().Length)
            .Select(c => c.Invoke([.. c.GetParameters().Select(p => ArgumentFor(p, number))]))
            .First();
        var errors = (SqlErrorCollection)typeof(SqlErrorCollection)
            .GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes)!.Invoke(null);
        typeof(SqlErrorCollection).GetMethod("Add", BindingFlags.NonPublic | BindingFlags.Instance)!.Invoke(errors, [error]);
        var create = typeof(SqlException).GetMethods(BindingFlags.NonPublic | BindingFlags.Static)
            .First(m => m.Name == "CreateException" && m.GetParameters().Select(p => p.ParameterType).SequenceEqual([typeof(SqlErrorCollection), typeof(string)]));
        return (SqlException)create.Invoke(null, [errors, "16.0"])!;
    }

    private static object? ArgumentFor(ParameterInfo parameter, int number) => parameter switch
    {
        { Position: 0 } => number,
        { ParameterType.Name: nameof(String) } => "server message",
        { ParameterType.Name: nameof(Byte) } => (byte)11,
        { ParameterType.Name: nameof(Int32) } => 0,
        { ParameterType.Name: nameof(UInt32) } => 0u,
        _ => null,
    };
}
