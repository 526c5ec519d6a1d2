namespace Codex.Modules.TeamCodex.Domain;

/// <summary>
/// Both editors changed the same section (or one removed what the other changed): the editor
/// decides. <see cref="Mine"/> or <see cref="Theirs"/> is null where that side removed the section.
/// </summary>
public sealed record SectionConflict(Guid SectionId, CodexSection? Base, CodexSection? Mine, CodexSection? Theirs);

/// <summary>
/// The merged draft: every section either side changed alone, with the editor's own text standing
/// in for each conflicting section until they decide (where they removed it, the other's text).
/// </summary>
public sealed record DraftMergeResult(IReadOnlyList<CodexSection> Sections, IReadOnlyList<SectionConflict> Conflicts, IReadOnlySet<Guid> TakenFromTheirs)
{
    public bool IsClean => Conflicts.Count == 0;
}

/// <summary>
/// The three-way merge of a draft when someone else saved in between: base is the revision the
/// editor started from, mine the editor's text, theirs the draft as it is now. Sections are
/// matched by id (so renamed or moved ones meet themselves). A section only one side changed takes
/// that side's change — the editor never reverts an edit they did not see; a section both changed
/// differently is a conflict. Line endings and trailing blanks are normalised first, so a browser's
/// "\r\n" is no change.
/// </summary>
public static class DraftMerge
{
    public static DraftMergeResult Merge(IReadOnlyList<CodexSection> baseSections, IReadOnlyList<CodexSection> mine, IReadOnlyList<CodexSection> theirs)
    {
        var b = ById(baseSections);
        var m = ById(mine);
        var t = ById(theirs);
        var merged = new Dictionary<Guid, CodexSection>();
        var conflicts = new List<SectionConflict>();
        var fromTheirs = new HashSet<Guid>();
        foreach (var id in b.Keys.Union(m.Keys).Union(t.Keys))
        {
            var inBase = b.GetValueOrDefault(id);
            var ofMine = m.GetValueOrDefault(id);
            var ofTheirs = t.GetValueOrDefault(id);
            if (ofMine == ofTheirs)
            {
                Keep(merged, ofMine);
            }
            else if (ofMine == inBase)
            {
                Keep(merged, ofTheirs);
                fromTheirs.Add(id);
            }
            else if (ofTheirs == inBase)
            {
                Keep(merged, ofMine);
            }
            else
            {
                conflicts.Add(new SectionConflict(id, inBase, ofMine, ofTheirs));
                Keep(merged, ofMine ?? ofTheirs);
            }
        }

        var order = Order(baseSections, mine, theirs);
        var sections = order.Where(merged.ContainsKey).Select(id => merged[id]).ToList();
        return new DraftMergeResult(sections, conflicts.OrderBy(c => order.IndexOf(c.SectionId)).ToList(), fromTheirs);
    }

    private static Dictionary<Guid, CodexSection> ById(IReadOnlyList<CodexSection> sections) =>
        sections.Select(CodexSections.NormaliseOne).GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First());

    private static void Keep(Dictionary<Guid, CodexSection> merged, CodexSection? section)
    {
        if (section is not null)
        {
            merged[section.Id] = section;
        }
    }

    /// <summary>
    /// The order of whichever side rearranged the sections (theirs if the editor kept the base's
    /// order); sections only the other side has go right after their neighbour there.
    /// </summary>
    private static List<Guid> Order(IReadOnlyList<CodexSection> baseSections, IReadOnlyList<CodexSection> mine, IReadOnlyList<CodexSection> theirs)
    {
        var baseIds = baseSections.Select(s => s.Id).ToList();
        var mineIds = mine.Select(s => s.Id).ToList();
        var theirIds = theirs.Select(s => s.Id).ToList();
        var iReordered = !mineIds.Where(baseIds.Contains).SequenceEqual(baseIds.Where(mineIds.Contains));
        var (skeleton, other) = iReordered ? (mineIds, theirIds) : (theirIds, mineIds);
        var order = skeleton.Distinct().ToList();
        for (var i = 0; i < other.Count; i++)
        {
            if (order.Contains(other[i]))
            {
                continue;
            }

            var before = other.Take(i).LastOrDefault(order.Contains);
            order.Insert(before == Guid.Empty && !order.Contains(before) ? 0 : order.IndexOf(before) + 1, other[i]);
        }

        // Sections removed by both sides still need a place for a conflict's ordering: at the end.
        order.AddRange(baseIds.Where(id => !order.Contains(id)));
        return order;
    }
}
