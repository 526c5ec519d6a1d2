using System.Data.Common;
using System.Globalization;
using Codex.Shared.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Codex.Benchmarks;

/// <summary>One person of a page, the same fields the endpoint returns to an Admin.</summary>
internal sealed record RawPerson(Guid Id, string FirstName, string LastName, string Email, bool IsActive);

internal sealed record RawPage(IReadOnlyList<RawPerson> Items, int TotalCount);

/// <summary>
/// The floor for GET /api/org/people?unitId=..: the same question answered in hand-written SQL over
/// plain ADO.NET (no EF, no MediatR, no HTTP). Same filter (people with a membership in the unit or
/// any unit below it), same ordering (LastName, FirstName, Id), same page, plus the total count.
/// </summary>
/// <remarks>
/// What a careful hand-written version does: the subtree is a recursive CTE inside the query; the
/// people are found from the subtree's memberships (<c>Id IN (SELECT PersonId ...)</c>, which both
/// databases drive from the memberships' primary key (OrgUnitId, PersonId)); the count and the page
/// travel in one command (two statements, one round trip) over a pooled connection opened per call,
/// as a request would. Every row is read into an object.
/// </remarks>
internal sealed class RawListPeople
{
    private readonly DatabaseProvider _provider;
    private readonly string _connectionString;
    private readonly string _sql;

    public RawListPeople(DatabaseProvider provider, string connectionString, OrganizationTables tables)
    {
        _provider = provider;
        _connectionString = connectionString;

        // Plain SQL both providers understand; only the table names differ (see OrganizationTables).
        const string Columns = "p.\"Id\", p.\"FirstName\", p.\"LastName\", p.\"Email\", p.\"IsActive\"";
        _sql = $"""
            {Select("COUNT(*)")};
            {Select(Columns)}
            ORDER BY p."LastName", p."FirstName", p."Id"
            LIMIT @take OFFSET @skip;
            """;

        string Select(string columns) => $"""
            WITH RECURSIVE subtree ("Id") AS (
                SELECT u."Id" FROM {tables.OrgUnits} u WHERE u."Id" = @unitId
                UNION ALL
                SELECT c."Id" FROM {tables.OrgUnits} c JOIN subtree s ON c."ParentId" = s."Id"
            )
            SELECT {columns}
            FROM {tables.People} p
            WHERE p."Id" IN (
                SELECT m."PersonId" FROM {tables.Memberships} m
                WHERE m."OrgUnitId" IN (SELECT "Id" FROM subtree))
            """;
    }

    public string Sql => _sql;

    public async Task<RawPage> RunAsync(Guid unitId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var connection = Connect();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = _sql;
        Add(command, "unitId", _provider == DatabaseProvider.Sqlite ? OrganisationGenerator.SqliteId(unitId) : unitId);
        Add(command, "take", pageSize);
        Add(command, "skip", (page - 1) * pageSize);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
        await reader.NextResultAsync(cancellationToken);
        var items = new List<RawPerson>(pageSize);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new RawPerson(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetBoolean(4)));
        }

        return new RawPage(items, total);
    }

    private DbConnection Connect() => _provider switch
    {
        DatabaseProvider.Sqlite => new SqliteConnection(_connectionString),
        DatabaseProvider.PostgreSql => new NpgsqlConnection(_connectionString),
        _ => throw new NotSupportedException($"No raw query for {_provider} yet."),
    };

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
