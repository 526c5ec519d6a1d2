using Codex.Shared.Privacy;

namespace Codex.Shared.Tests;

public class DisclosureControlTests
{
    private const int Minimum = 5;

    [Fact]
    public void A_team_below_the_minimum_takes_its_sibling_with_it_so_the_department_minus_the_shown_team_gives_nothing_away()
    {
        // Ambulante Pflege (12) = Pflegeteam Nord (8) + Pflegeteam Süd (4).
        var withheld = Withheld(
            new() { ["Ambulante Pflege"] = 12, ["Pflegeteam Nord"] = 8, ["Pflegeteam Süd"] = 4 },
            Relation("Ambulante Pflege", "Pflegeteam Nord", "Pflegeteam Süd"));

        Assert.Equal(["Pflegeteam Nord", "Pflegeteam Süd"], withheld.Order());
    }

    [Fact]
    public void A_department_head_counted_only_in_the_department_is_not_left_over_as_the_difference_of_shown_rows()
    {
        // 5 + 5 in the teams and the head directly in the department: 11 − 5 − 5 would be the head's own status.
        var withheld = Withheld(
            new() { ["Ambulante Pflege"] = 11, ["Pflegeteam Nord"] = 5, ["Pflegeteam Süd"] = 5 },
            Relation("Ambulante Pflege", "Pflegeteam Nord", "Pflegeteam Süd"));

        Assert.Equal(["Pflegeteam Nord"], withheld);
    }

    [Fact]
    public void Two_withheld_teams_that_together_are_still_below_the_minimum_take_a_third_one()
    {
        var withheld = Withheld(
            new() { ["Department"] = 13, ["A"] = 1, ["B"] = 2, ["C"] = 10 },
            Relation("Department", "A", "B", "C"));

        Assert.Equal(["A", "B", "C"], withheld.Order());
    }

    [Fact]
    public void A_department_withheld_to_protect_its_sibling_does_not_reappear_as_the_sum_of_its_teams()
    {
        var withheld = Withheld(
            new() { ["Organisation"] = 20, ["D1"] = 3, ["D2"] = 17, ["T3"] = 8, ["T4"] = 9 },
            Relation("Organisation", "D1", "D2"), Relation("D2", "T3", "T4"));

        Assert.Equal(["D1", "D2", "T3"], withheld.Order());
    }

    [Fact]
    public void A_small_team_may_stay_hidden_behind_the_departments_own_members_when_together_they_reach_the_minimum()
    {
        // 9 − 0 = the 2 in Pflege and the 7 counted in no department together: a group of 9, nobody alone.
        var withheld = Withheld(
            new() { ["Path"] = 9, ["Pflege"] = 2, ["Verwaltung"] = 0 },
            Relation("Path", "Pflege", "Verwaltung"));

        Assert.Equal(["Pflege"], withheld);
    }

    [Fact]
    public void Groups_at_or_above_the_minimum_whose_relations_hold_are_all_shown_and_empty_groups_are_never_withheld()
    {
        var withheld = Withheld(
            new() { ["Department"] = 15, ["A"] = 5, ["B"] = 10, ["C"] = 0 },
            Relation("Department", "A", "B", "C"));

        Assert.Empty(withheld);
    }

    [Fact]
    public void People_counted_in_two_parts_are_no_loophole_the_overlap_counts_like_a_small_remainder()
    {
        // 6 people, one of them in both teams: 6 − 5 − 2 = −1 is that one person.
        var withheld = Withheld(
            new() { ["Department"] = 6, ["A"] = 5, ["B"] = 2 },
            Relation("Department", "A", "B"));

        Assert.Equal(["A", "B"], withheld.Order());
    }

    /// <summary>
    /// Random organisations (a unit tree with people directly in every unit, and the organisation also
    /// split by role) against an attacker who solves the linear equations the shown figures give:
    /// no withheld figure, no small remainder and no pair of hidden groups below the minimum may follow
    /// (a remainder of the minimum or more may: it is a group big enough to be shown).
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void No_withheld_figure_and_no_small_group_can_be_worked_out_from_what_is_shown(int seed)
    {
        var organisation = RandomOrganisation.Create(new Random(seed));
        var withheld = DisclosureControl.Withheld(organisation.People, organisation.Relations, Minimum);

        Assert.All(organisation.People.Where(p => p.Value is > 0 and < Minimum), p => Assert.Contains(p.Key, withheld));
        var attacker = new Attacker(organisation, withheld);
        foreach (var hidden in attacker.Unknowns.Where(u => withheld.Contains(u) || attacker.IsSmall(u, Minimum)))
        {
            Assert.False(attacker.CanWorkOut([hidden]), $"seed {seed}: {hidden} follows from the shown figures");
        }

        foreach (var (a, b) in attacker.SmallPairs(Minimum))
        {
            Assert.False(attacker.CanWorkOut([a, b]), $"seed {seed}: {a} + {b} together follow from the shown figures");
        }
    }

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        foreach (var seed in Enumerable.Range(1, 300))
        {
            data.Add(seed);
        }

        return data;
    }

    private static DisclosureRelation<string> Relation(string total, params string[] parts) => new(total, parts);

    private static IReadOnlySet<string> Withheld(Dictionary<string, int> people, params DisclosureRelation<string>[] relations) =>
        DisclosureControl.Withheld(people, relations, Minimum);

    private sealed record RandomOrganisation(Dictionary<string, int> People, List<DisclosureRelation<string>> Relations)
    {
        private static readonly int[] GroupSizes = [0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 9, 12, 20];

        public static RandomOrganisation Create(Random random)
        {
            var people = new Dictionary<string, int>();
            var relations = new List<DisclosureRelation<string>>();
            var root = Unit("u", 0);
            var roles = new List<string>();
            var left = people[root];
            for (var r = 0; r < random.Next(0, 5) && left > 0; r++)
            {
                var size = random.Next(0, left + 1);
                roles.Add($"role{r}");
                people[$"role{r}"] = size;
                left -= size;
            }

            if (roles.Count > 0)
            {
                relations.Add(new DisclosureRelation<string>(root, roles));
            }

            return new RandomOrganisation(people, relations);

            string Unit(string name, int depth)
            {
                var children = depth < 3 ? Enumerable.Range(0, random.Next(0, 5)).Select(i => Unit($"{name}.{i}", depth + 1)).ToList() : [];
                people[name] = GroupSizes[random.Next(GroupSizes.Length)] + children.Sum(c => people[c]);
                if (children.Count > 0)
                {
                    relations.Add(new DisclosureRelation<string>(name, children));
                }

                return name;
            }
        }
    }

    /// <summary>
    /// Knows every shown figure (a remainder is never shown); solves for the rest by
    /// Gauss–Jordan elimination over the relations' equations (total − parts − remainder = 0).
    /// </summary>
    private sealed class Attacker
    {
        private readonly List<double[]> _rows = [];
        private readonly List<int> _pivots = [];
        private readonly Dictionary<string, int> _index = [];
        private readonly Dictionary<string, int> _sizes = [];

        public Attacker(RandomOrganisation organisation, IReadOnlySet<string> withheld)
        {
            foreach (var (key, size) in organisation.People.Where(p => p.Value > 0 && withheld.Contains(p.Key)))
            {
                Add(key, size);
            }

            var equations = new List<Dictionary<string, double>>();
            foreach (var relation in organisation.Relations)
            {
                var remainder = organisation.People[relation.Total] - relation.Parts.Sum(p => organisation.People[p]);
                var equation = new Dictionary<string, double>();
                Coefficient(equation, relation.Total, 1);
                foreach (var part in relation.Parts)
                {
                    Coefficient(equation, part, -1);
                }

                if (remainder != 0)
                {
                    var name = $"rest of {relation.Total} after {relation.Parts[0]}…";
                    Add(name, Math.Abs(remainder));
                    Coefficient(equation, name, -1);
                }

                equations.Add(equation);
            }

            foreach (var equation in equations)
            {
                var row = new double[_index.Count];
                foreach (var (key, value) in equation)
                {
                    row[_index[key]] = value;
                }

                Eliminate(row);
            }
        }

        public IEnumerable<string> Unknowns => _index.Keys;

        public bool IsSmall(string key, int minimum) => _sizes[key] < minimum;

        public IEnumerable<(string, string)> SmallPairs(int minimum) =>
            from a in _index.Keys
            from b in _index.Keys
            where string.CompareOrdinal(a, b) < 0 && _sizes[a] + _sizes[b] < minimum
            select (a, b);

        /// <summary>Whether the sum of these hidden groups lies in the span of the equations.</summary>
        public bool CanWorkOut(IEnumerable<string> keys)
        {
            var vector = new double[_index.Count];
            foreach (var key in keys)
            {
                vector[_index[key]] = 1;
            }

            Reduce(vector);
            return vector.All(v => Math.Abs(v) < 1e-9);
        }

        private void Add(string key, int size)
        {
            _index[key] = _index.Count;
            _sizes[key] = size;
        }

        private void Coefficient(Dictionary<string, double> equation, string key, double value)
        {
            if (_index.ContainsKey(key))
            {
                equation[key] = equation.GetValueOrDefault(key) + value;
            }
        }

        private void Eliminate(double[] row)
        {
            Reduce(row);
            var pivot = Array.FindIndex(row, v => Math.Abs(v) > 1e-9);
            if (pivot < 0)
            {
                return;
            }

            var scale = row[pivot];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] /= scale;
            }

            for (var r = 0; r < _rows.Count; r++)
            {
                var factor = _rows[r][pivot];
                for (var i = 0; i < row.Length; i++)
                {
                    _rows[r][i] -= factor * row[i];
                }
            }

            _rows.Add(row);
            _pivots.Add(pivot);
        }

        private void Reduce(double[] vector)
        {
            for (var r = 0; r < _rows.Count; r++)
            {
                var factor = vector[_pivots[r]];
                if (factor == 0)
                {
                    continue;
                }

                for (var i = 0; i < vector.Length; i++)
                {
                    vector[i] -= factor * _rows[r][i];
                }
            }
        }
    }
}
