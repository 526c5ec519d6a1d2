using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Versions;

/// <summary>Every published version of a unit's codex, newest first.</summary>
[RequiresSignIn]
public sealed record ListVersionsQuery(Guid UnitId) : IRequest<VersionHistory>;

public sealed record VersionHistory(Guid UnitId, string UnitName, int? VersionInForce, IReadOnlyList<VersionInfo> Versions);

public sealed record VersionInfo(int Number, DateTimeOffset PublishedAt, string PublishedBy, string ChangeSummary, string RoundOutcome);

internal sealed class ListVersionsQueryHandler(TeamCodexDbContext db, CodexAccess access) : IRequestHandler<ListVersionsQuery, VersionHistory>
{
    public async Task<VersionHistory> Handle(ListVersionsQuery query, CancellationToken ct)
    {
        var unit = await access.UnitAsync(query.UnitId, ct);
        var codex = await db.Codices.AsNoTracking().FirstOrDefaultAsync(c => c.OrgUnitId == query.UnitId, ct)
            ?? throw new NotFoundException("Codex", query.UnitId);
        var versions = await db.Versions.AsNoTracking()
            .Where(v => v.CodexId == codex.Id)
            .OrderByDescending(v => v.Number)
            .Select(v => new { v.Number, v.PublishedAt, v.PublishedBy, v.ChangeSummary, v.RoundOutcome })
            .ToListAsync(ct);
        var names = await access.NamesAsync(versions.Select(v => v.PublishedBy), ct);
        return new VersionHistory(unit.Unit.Id, unit.Unit.Name, codex.VersionInForce, versions
            .Select(v => new VersionInfo(v.Number, v.PublishedAt, names.GetValueOrDefault(v.PublishedBy, "–"), v.ChangeSummary, v.RoundOutcome))
            .ToList());
    }
}

internal static class ListVersionsEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/codex/units/{unitId:guid}/versions", async (Guid unitId, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new ListVersionsQuery(unitId), ct)))
            .WithName("listVersions")
            .WithSummary("List every published version of a unit's codex, newest first");
    }
}
