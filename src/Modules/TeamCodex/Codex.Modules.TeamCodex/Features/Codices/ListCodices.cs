using Codex.Modules.Organization.Contracts;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Mediation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Codices;

/// <summary>Every unit with the state of its codex; the signed-in person's own units first.</summary>
[RequiresSignIn]
public sealed record ListCodicesQuery(string? Search = null) : IRequest<IReadOnlyList<CodexListItem>>;

public sealed record CodexListItem(
    Guid UnitId, string UnitName, OrgUnitLevel Level, bool IsMine, bool HasCodex, int? VersionInForce, DateOnly? NextReviewOn, bool RoundOpen);

internal sealed class ListCodicesQueryHandler(TeamCodexDbContext db, CodexAccess access) : IRequestHandler<ListCodicesQuery, IReadOnlyList<CodexListItem>>
{
    public async Task<IReadOnlyList<CodexListItem>> Handle(ListCodicesQuery query, CancellationToken ct)
    {
        var units = await access.UnitsAsync(ct);
        var mine = await db.UnitMembers.AsNoTracking().Where(m => m.PersonId == access.PersonId).Select(m => m.OrgUnitId).ToListAsync(ct);
        var codices = await db.Codices.AsNoTracking()
            .Select(c => new { c.OrgUnitId, c.VersionInForce, c.NextReviewOn, c.OpenRoundId })
            .ToDictionaryAsync(c => c.OrgUnitId, ct);
        var search = query.Search?.Trim();
        return units
            .Where(u => string.IsNullOrEmpty(search) || u.Name.Contains(search, StringComparison.CurrentCultureIgnoreCase))
            .Select(u =>
            {
                var codex = codices.GetValueOrDefault(u.Id);
                return new CodexListItem(u.Id, u.Name, u.Level, mine.Contains(u.Id), codex is not null, codex?.VersionInForce,
                    codex?.NextReviewOn, codex?.OpenRoundId is not null);
            })
            .OrderByDescending(i => i.IsMine).ThenBy(i => i.Level).ThenBy(i => i.UnitName, StringComparer.CurrentCulture)
            .ToList();
    }
}

internal static class ListCodicesEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/codex/units", async (string? search, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new ListCodicesQuery(search), ct)))
            .WithName("listCodices")
            .WithSummary("List every unit with the state of its codex, your own units first");
}
