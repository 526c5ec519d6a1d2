using Codex.Modules.Organization.Contracts;
using Codex.Modules.Organization.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Organization.Features.Leads;

/// <summary>A unit and its parent: all that is needed to walk the tree downwards.</summary>
internal sealed record UnitLink(Guid Id, Guid? ParentId);

internal static class LeadScope
{
    /// <summary>
    /// The led units and every unit below them, each once (led units first, then breadth-first).
    /// A led unit the tree does not know is left out; a cycle in bad data cannot loop.
    /// </summary>
    public static IReadOnlyList<Guid> Subtrees(IEnumerable<UnitLink> units, IEnumerable<Guid> ledUnitIds)
    {
        var links = units.ToList();
        var known = links.Select(u => u.Id).ToHashSet();
        var children = links.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!.Value, u => u.Id);
        var result = new List<Guid>();
        var seen = new HashSet<Guid>();
        var pending = new Queue<Guid>(ledUnitIds.Where(known.Contains));
        while (pending.TryDequeue(out var id))
        {
            if (!seen.Add(id))
            {
                continue;
            }

            result.Add(id);
            foreach (var child in children[id])
            {
                pending.Enqueue(child);
            }
        }

        return result;
    }

    /// <summary>Two small queries: the person's lead flags (only while they are active), then the unit tree when there is any.</summary>
    public static async Task<IReadOnlyList<Guid>> LedUnitsAsync(OrganizationDbContext db, Guid personId, CancellationToken cancellationToken)
    {
        var led = await db.Memberships.AsNoTracking()
            .Where(m => m.PersonId == personId && m.IsLead && db.People.Any(p => p.Id == personId && p.IsActive))
            .Select(m => m.OrgUnitId)
            .ToListAsync(cancellationToken);
        if (led.Count == 0)
        {
            return [];
        }

        var units = await db.OrgUnits.AsNoTracking().Select(u => new UnitLink(u.Id, u.ParentId)).ToListAsync(cancellationToken);
        return Subtrees(units, led);
    }
}

internal sealed class GetLedUnitsQueryHandler(OrganizationDbContext db) : IRequestHandler<GetLedUnitsQuery, IReadOnlyList<Guid>>
{
    public Task<IReadOnlyList<Guid>> Handle(GetLedUnitsQuery query, CancellationToken cancellationToken) =>
        LeadScope.LedUnitsAsync(db, query.PersonId, cancellationToken);
}

internal sealed class LeadsPersonQueryHandler(OrganizationDbContext db) : IRequestHandler<LeadsPersonQuery, bool>
{
    public async Task<bool> Handle(LeadsPersonQuery query, CancellationToken cancellationToken)
    {
        if (query.LeadId == query.PersonId)
        {
            return false;
        }

        var led = await LeadScope.LedUnitsAsync(db, query.LeadId, cancellationToken);
        return led.Count > 0 && await db.Memberships.AsNoTracking()
            .AnyAsync(m => m.PersonId == query.PersonId && EF.Parameter(led).Contains(m.OrgUnitId), cancellationToken);
    }
}
