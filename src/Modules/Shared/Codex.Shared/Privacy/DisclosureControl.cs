namespace Codex.Shared.Privacy;

/// <summary>
/// A figure that is the sum of others shown with it: <see cref="Total"/> counts everybody in
/// <see cref="Parts"/> plus a remainder nobody is shown (people directly in the total's group, or,
/// negative, people counted in two parts). A department and its teams; all enrolled and their roles.
/// </summary>
public sealed record DisclosureRelation<TKey>(TKey Total, IReadOnlyList<TKey> Parts);

/// <summary>
/// Which figures of a table must be withheld so that no withheld figure, and no group smaller than the
/// minimum, can be worked out from the figures shown (the rule is written out in the README,
/// "Datenschutz: welche Zahlen Codex zurückhält").
/// <list type="number">
/// <item>Primary: a group with at least one and fewer than the minimum number of people is withheld.</item>
/// <item>A withheld figure is never the only hidden group of a relation (hidden: withheld, or the
/// remainder, which is never shown): alone it would be the total minus the rest.</item>
/// <item>What a shown total leaves after the shown parts (the hidden parts and the remainder together)
/// is no group or at least the minimum: withheld teams of 1 and 2 people would otherwise show up as 3,
/// a department head counted in no team as the department minus its teams.</item>
/// </list>
/// Where a rule needs one more withheld figure it takes the smallest shown part (least lost), the
/// total when no part is left, and repeats until every relation holds. Only group sizes decide, never
/// who is in them or their results, so the withholding itself reveals nothing.
/// </summary>
public static class DisclosureControl
{
    public static IReadOnlySet<TKey> Withheld<TKey>(
        IReadOnlyDictionary<TKey, int> people, IReadOnlyList<DisclosureRelation<TKey>> relations, int minimumGroupSize)
        where TKey : notnull
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumGroupSize, 1);
        var withheld = people.Where(p => IsSmall(p.Value)).Select(p => p.Key).ToHashSet();
        bool changed;
        do
        {
            changed = false;
            foreach (var relation in relations)
            {
                while (NeedsMore(relation) && WithholdOneMore(relation))
                {
                    changed = true;
                }
            }
        }
        while (changed);

        return withheld;

        int Size(TKey key) => people.GetValueOrDefault(key);

        bool IsSmall(int size) => size > 0 && size < minimumGroupSize;

        bool IsHidden(TKey key) => Size(key) > 0 && withheld.Contains(key);

        bool NeedsMore(DisclosureRelation<TKey> relation)
        {
            // Nobody is shown the remainder: it hides like a withheld figure, and is protected like one when small.
            var remainder = Math.Abs(Size(relation.Total) - relation.Parts.Sum(Size));
            var withheldHere = (IsHidden(relation.Total) ? 1 : 0) + relation.Parts.Count(IsHidden);
            var hidden = withheldHere + (remainder > 0 ? 1 : 0);
            if (withheldHere == 0)
            {
                // All shown: the remainder is the total minus the parts, fine unless it is a small group.
                return IsSmall(remainder);
            }

            if (hidden == 1)
            {
                return true;
            }

            // A shown total minus the shown parts is the hidden parts and the remainder together (people in
            // two parts can make that difference smaller than the groups behind it: then the difference decides).
            return !IsHidden(relation.Total)
                && (relation.Parts.Where(IsHidden).Sum(Size) + remainder < minimumGroupSize
                    || Math.Abs(Size(relation.Total) - relation.Parts.Where(p => !IsHidden(p)).Sum(Size)) < minimumGroupSize);
        }

        bool WithholdOneMore(DisclosureRelation<TKey> relation)
        {
            var smallest = relation.Parts.Where(p => Size(p) > 0 && !withheld.Contains(p))
                .Select((key, order) => (Key: key, Order: order))
                .OrderBy(p => Size(p.Key)).ThenBy(p => p.Order)
                .Select(p => p.Key).ToList();
            if (smallest.Count > 0)
            {
                return withheld.Add(smallest[0]);
            }

            return Size(relation.Total) > 0 && withheld.Add(relation.Total);
        }
    }
}
