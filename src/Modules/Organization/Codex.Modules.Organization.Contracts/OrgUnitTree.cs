namespace Codex.Modules.Organization.Contracts;

/// <summary>
/// The unit tree in memory (hundreds of units at most), built from <see cref="GetOrgUnitsQuery"/>'s answer:
/// the one place that walks parents and children. Immutable. Siblings are ordered by name in the current
/// culture (as the pages show them), equal names in the order given. Every walk visits a unit once, so a
/// cycle in the data cannot make it loop; units in a cycle or below a parent the list does not hold are not
/// reached from the roots.
/// </summary>
public sealed record OrgUnitTree
{
    private static readonly IReadOnlyList<OrgUnitSummary> None = Array.Empty<OrgUnitSummary>();

    private readonly Dictionary<Guid, OrgUnitSummary> _byId = new();
    private readonly Dictionary<Guid, IReadOnlyList<OrgUnitSummary>> _children = new();

    public OrgUnitTree(IEnumerable<OrgUnitSummary> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var list = new List<OrgUnitSummary>();
        var roots = new List<OrgUnitSummary>();
        var children = new Dictionary<Guid, List<OrgUnitSummary>>();
        foreach (var unit in units)
        {
            _byId.Add(unit.Id, unit);
            list.Add(unit);
            if (unit.ParentId is not { } parentId)
            {
                roots.Add(unit);
            }
            else if (children.TryGetValue(parentId, out var siblings))
            {
                siblings.Add(unit);
            }
            else
            {
                children.Add(parentId, new List<OrgUnitSummary> { unit });
            }
        }

        Units = list;
        Roots = ByName(roots);
        foreach (var (parentId, siblings) in children)
        {
            _children.Add(parentId, ByName(siblings));
        }
    }

    /// <summary>Every unit, in the order given.</summary>
    public IReadOnlyList<OrgUnitSummary> Units { get; }

    /// <summary>The units without a parent, by name.</summary>
    public IReadOnlyList<OrgUnitSummary> Roots { get; }

    public bool Contains(Guid id) => _byId.ContainsKey(id);

    /// <summary>The unit with this id, or null.</summary>
    public OrgUnitSummary? Find(Guid id) => _byId.GetValueOrDefault(id);

    /// <summary>The units directly below this one, by name (none for a team or an unknown id).</summary>
    public IReadOnlyList<OrgUnitSummary> Children(Guid id) => _children.GetValueOrDefault(id) ?? None;

    /// <summary>The unit and everything below it, depth-first, siblings by name (none for an unknown id).</summary>
    public IReadOnlyList<OrgUnitSummary> Subtree(Guid id)
    {
        var result = new List<OrgUnitSummary>();
        if (_byId.TryGetValue(id, out var unit))
        {
            var seen = new HashSet<Guid>();
            Walk(unit, 0, seen, (u, _) => result.Add(u));
        }

        return result;
    }

    /// <summary>The units above this one, nearest first, up to the root (none for an unknown id).</summary>
    public IReadOnlyList<OrgUnitSummary> Ancestors(Guid id)
    {
        var result = new List<OrgUnitSummary>();
        if (!_byId.TryGetValue(id, out var unit))
        {
            return result;
        }

        var seen = new HashSet<Guid> { id };
        while (unit.ParentId is { } parentId && seen.Add(parentId) && _byId.TryGetValue(parentId, out var parent))
        {
            result.Add(parent);
            unit = parent;
        }

        return result;
    }

    /// <summary>The unit itself, then its <see cref="Ancestors"/> (none for an unknown id).</summary>
    public IReadOnlyList<OrgUnitSummary> SelfAndAncestors(Guid id)
    {
        if (!_byId.TryGetValue(id, out var unit))
        {
            return None;
        }

        var result = new List<OrgUnitSummary> { unit };
        result.AddRange(Ancestors(id));
        return result;
    }

    /// <summary>The nearest unit of this level among the unit itself and its ancestors, or null.</summary>
    public OrgUnitSummary? NearestOfKind(Guid id, OrgUnitLevel level)
    {
        foreach (var unit in SelfAndAncestors(id))
        {
            if (unit.Level == level)
            {
                return unit;
            }
        }

        return null;
    }

    /// <summary>Every unit reachable from the roots, depth-first, siblings by name, with its depth (roots 0).</summary>
    public IReadOnlyList<(OrgUnitSummary Unit, int Depth)> InOrder()
    {
        var result = new List<(OrgUnitSummary, int)>();
        var seen = new HashSet<Guid>();
        foreach (var root in Roots)
        {
            Walk(root, 0, seen, (u, depth) => result.Add((u, depth)));
        }

        return result;
    }

    private void Walk(OrgUnitSummary unit, int depth, HashSet<Guid> seen, Action<OrgUnitSummary, int> visit)
    {
        if (!seen.Add(unit.Id))
        {
            return;
        }

        visit(unit, depth);
        foreach (var child in Children(unit.Id))
        {
            Walk(child, depth + 1, seen, visit);
        }
    }

    private static List<OrgUnitSummary> ByName(List<OrgUnitSummary> units)
    {
        // Insertion sort, because it is stable: units of the same name keep the order given, as the
        // pages always had them (List.Sort is not stable; contracts stay free of LINQ).
        var sorted = new List<OrgUnitSummary>(units.Count);
        foreach (var unit in units)
        {
            var at = sorted.Count;
            while (at > 0 && StringComparer.CurrentCulture.Compare(sorted[at - 1].Name, unit.Name) > 0)
            {
                at--;
            }

            sorted.Insert(at, unit);
        }

        return sorted;
    }
}
