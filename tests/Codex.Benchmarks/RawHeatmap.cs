using System.Data.Common;
using System.Globalization;
using Codex.Shared.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Codex.Benchmarks;

internal sealed record RawUnitToolCount(Guid UnitId, Guid ToolId, int Holders, int Meeting);

/// <summary>
/// The heatmap counted from the raw tables, as the endpoint did before it kept coverage: the per-(unit, tool) counts,
/// in hand-written SQL over plain ADO.NET (no EF, no MediatR, no HTTP, no roll-up, no JSON): for each
/// unit of the subtree and each tool some role of a member requires, how many members hold such a
/// requirement (their roles' highest level) and how many of them have at least that proficiency.
/// </summary>
/// <remarks>
/// Driven from the subtree's members, then their roles' requirements, then one index probe per
/// (member, tool) into the proficiencies. The subtree is a recursive CTE over Organization's units (the endpoint gets the units through
/// Organization's query and sends their ids); every result row is read into an object, as the
/// endpoint's EF query does.
/// </remarks>
internal sealed class RawHeatmap
{
    private readonly DatabaseProvider _provider;
    private readonly string _connectionString;

    public RawHeatmap(DatabaseProvider provider, string connectionString, OrganizationTables organization, SkillsTables skills)
    {
        _provider = provider;
        _connectionString = connectionString;
        Sql = $"""
            WITH RECURSIVE subtree ("Id") AS (
                SELECT u."Id" FROM {organization.OrgUnits} u WHERE u."Id" = @unitId
                UNION ALL
                SELECT c."Id" FROM {organization.OrgUnits} c JOIN subtree s ON c."ParentId" = s."Id"
            ),
            required AS (
                SELECT m."UnitId", a."PersonId", r."ToolId", MAX(r."Level") AS "Level"
                FROM {skills.UnitMembers} m
                JOIN {skills.RoleAssignments} a ON a."PersonId" = m."PersonId"
                JOIN {skills.Requirements} r ON r."RoleId" = a."RoleId"
                WHERE m."UnitId" IN (SELECT "Id" FROM subtree)
                GROUP BY m."UnitId", a."PersonId", r."ToolId"
            )
            SELECT q."UnitId", q."ToolId", COUNT(*), SUM(CASE WHEN p."Level" >= q."Level" THEN 1 ELSE 0 END)
            FROM required q
            LEFT JOIN {skills.Proficiencies} p ON p."PersonId" = q."PersonId" AND p."ToolId" = q."ToolId"
            GROUP BY q."UnitId", q."ToolId"
            """;
    }

    public string Sql { get; }

    public Task<IReadOnlyList<RawUnitToolCount>> RunAsync(Guid unitId, CancellationToken cancellationToken) =>
        QueryAsync(_provider, _connectionString, Sql, unitId, cancellationToken);

    /// <summary>Runs SQL with one @unitId parameter returning (unit, tool, holders, meeting) rows, each read into an object.</summary>
    public static async Task<IReadOnlyList<RawUnitToolCount>> QueryAsync(
        DatabaseProvider provider, string connectionString, string sql, Guid unitId, CancellationToken cancellationToken)
    {
        await using DbConnection connection = provider switch
        {
            DatabaseProvider.Sqlite => new SqliteConnection(connectionString),
            DatabaseProvider.PostgreSql => new NpgsqlConnection(connectionString),
            _ => throw new NotSupportedException($"No raw SQL for {provider}."),
        };
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@unitId";
        // SQLite: ids are upper-case TEXT as EF Core stores them (see OrganisationGenerator).
        parameter.Value = provider == DatabaseProvider.Sqlite ? OrganisationGenerator.SqliteId(unitId) : unitId;
        command.Parameters.Add(parameter);

        var result = new List<RawUnitToolCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new RawUnitToolCount(reader.GetGuid(0), reader.GetGuid(1), Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture)));
        }

        return result;
    }
}
