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

    public Task<IReadOnlyList<RawUnitToolCount>> RunAsync(Guid unitId, CancellationToken cancellationToken) =>
        RawHeatmap.QueryAsync(_provider, _connectionString, Sql, unitId, cancellationToken);
}
