using Codex.Shared.Persistence;

namespace Codex.Benchmarks;

/// <summary>
/// The floor for GET /api/skills/heatmap?unitId=..: the kept coverage rows of the unit and its direct
/// children, in hand-written SQL over plain ADO.NET (no EF, no MediatR, no HTTP, no JSON); every row
/// is read into an object, as the endpoint's EF query does.
/// </summary>
internal sealed class RawCoverage
{
    private readonly DatabaseProvider _provider;
    private readonly string _connectionString;

    public RawCoverage(DatabaseProvider provider, string connectionString, OrganizationTables organization, SkillsTables skills)
    {
        _provider = provider;
        _connectionString = connectionString;
        Sql = $"""
            SELECT c."UnitId", c."ToolId", c."Holders", c."Meeting"
            FROM {skills.UnitCoverage} c
            WHERE c."UnitId" IN (SELECT u."Id" FROM {organization.OrgUnits} u WHERE u."Id" = @unitId OR u."ParentId" = @unitId)
            """;
    }

    public string Sql { get; }

    public async Task<IReadOnlyList<RawUnitToolCount>> RunAsync(Guid unitId, CancellationToken cancellationToken)
    {
        await using var connection = RawHeatmap.Open(_provider, _connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@unitId";
        parameter.Value = _provider == DatabaseProvider.Sqlite ? OrganisationGenerator.SqliteId(unitId) : unitId;
        command.Parameters.Add(parameter);

        var result = new List<RawUnitToolCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new RawUnitToolCount(reader.GetGuid(0), reader.GetGuid(1), reader.GetInt32(2), reader.GetInt32(3)));
        }

        return result;
    }
}
