using Codex.Modules.Organization.Contracts;

namespace Codex.Modules.Skills.Features.Gaps;

/// <summary>The org unit tree in memory (hundreds of units at most).</summary>
internal sealed class UnitTree(IReadOnlyList<OrgUnitSummary> units)
{
    private readonly Dictionary<Guid, OrgUnitSummary> _byId = units.ToDictionary(u => u.Id);
    private readonly ILookup<Guid?, OrgUnitSummary> _children = units.ToLookup(u => u.ParentId);

    public bool Contains(Guid id) => _byId.ContainsKey(id);

    public IEnumerable<Guid> Children(Guid id) => _children[id].OrderBy(u => u.Name, StringComparer.CurrentCulture).Select(u => u.Id);

    public IEnumerable<Guid> Ids() => _byId.Keys;

    public IEnumerable<Guid> ChildIds(Guid id) => _children[id].Select(u => u.Id);

    public IReadOnlyList<Guid> RootIds() => [.. _children[null].Select(u => u.Id)];

    /// <summary>The units and all their ancestors, each once: where a member of these units counts.</summary>
    public IReadOnlyList<Guid> SelfAndAncestors(IEnumerable<Guid> unitIds)
    {
        var result = new HashSet<Guid>();
        foreach (var unitId in unitIds)
        {
            Guid? id = unitId;
            // A unit the tree does not know (yet) still counts for itself.
            while (id is { } current && result.Add(current))
            {
                id = _byId.TryGetValue(current, out var unit) ? unit.ParentId : null;
            }
        }

        return [.. result];
    }

    public HeatmapUnit Node(Guid id, int depth) => new(id, _byId[id].Name, _byId[id].Level, depth);

    /// <summary>Depth-first, so a picker shows the hierarchy.</summary>
    public IReadOnlyList<HeatmapUnit> All()
    {
        var result = new List<HeatmapUnit>();
        foreach (var root in _children[null].OrderBy(u => u.Name, StringComparer.CurrentCulture))
        {
            Walk(root.Id, 0);
        }

        return result;

        void Walk(Guid id, int depth)
        {
            result.Add(Node(id, depth));
            foreach (var child in Children(id))
            {
                Walk(child, depth + 1);
            }
        }
    }
}
