using Codex.Modules.Organization.Contracts;
using Codex.Modules.Organization.Domain;
using Codex.Modules.Organization.Persistence;
using Codex.Shared.Mediation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Organization.Features.OrgUnits;

/// <summary>The whole tree, optionally only the branches whose unit names contain <see cref="Search"/>.</summary>
[RequiresSignIn]
public sealed record GetOrgTreeQuery(string? Search = null) : IRequest<IReadOnlyList<OrgTreeNode>>;

public sealed record OrgTreeNode(Guid Id, string Name, OrgUnitKind Kind, Guid? ParentId, int MemberCount, int Depth);

internal sealed class GetOrgTreeQueryHandler(OrganizationDbContext db) : IRequestHandler<GetOrgTreeQuery, IReadOnlyList<OrgTreeNode>>
{
    public async Task<IReadOnlyList<OrgTreeNode>> Handle(GetOrgTreeQuery query, CancellationToken cancellationToken)
    {
        var units = await db.OrgUnits.AsNoTracking()
            .Select(u => new { u.Id, u.Name, u.Kind, u.ParentId, MemberCount = db.Memberships.Count(m => m.OrgUnitId == u.Id && db.People.Any(p => p.Id == m.PersonId && p.IsActive)) })
            .ToListAsync(cancellationToken);

        var tree = new OrgUnitTree(units.Select(u => new OrgUnitSummary(u.Id, u.ParentId, u.Name, GetOrgUnitsQueryHandler.ToLevel(u.Kind))));
        var byId = units.ToDictionary(u => u.Id);
        var visible = new HashSet<Guid>(units.Select(u => u.Id));
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // Keep matches together with their ancestors so the tree still reads top-down.
            visible.Clear();
            foreach (var match in units.Where(u => u.Name.Contains(query.Search.Trim(), StringComparison.CurrentCultureIgnoreCase)))
            {
                foreach (var unit in tree.SelfAndAncestors(match.Id))
                {
                    visible.Add(unit.Id);
                }
            }
        }

        // Every visible unit's ancestors are visible, so skipping the others leaves whole branches.
        var result = new List<OrgTreeNode>();
        foreach (var (node, depth) in tree.InOrder())
        {
            if (visible.Contains(node.Id))
            {
                var unit = byId[node.Id];
                result.Add(new OrgTreeNode(unit.Id, unit.Name, unit.Kind, unit.ParentId, unit.MemberCount, depth));
            }
        }

        return result;
    }
}

internal static class GetOrgTreeEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/org/units", async (string? search, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetOrgTreeQuery(search), ct)))
            .WithName("getOrgTree")
            .WithSummary("Get the unit tree, optionally only the branches whose unit names match a search");
}
