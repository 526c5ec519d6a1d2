using Codex.Modules.Organization.Contracts;

namespace Codex.Modules.Organization.Tests;

/// <summary>
/// The org tree every module walks: Sozialwerk with two departments, Ambulante Pflege with two teams.
/// The units are given out of order, as a query may return them.
/// </summary>
public sealed class OrgUnitTreeTests
{
    private static readonly OrgUnitSummary Organisation = new(Guid.NewGuid(), null, "Sozialwerk", OrgUnitLevel.Organisation);
    private static readonly OrgUnitSummary Care = new(Guid.NewGuid(), Organisation.Id, "Ambulante Pflege", OrgUnitLevel.Department);
    private static readonly OrgUnitSummary North = new(Guid.NewGuid(), Care.Id, "Pflegeteam Nord", OrgUnitLevel.Team);
    private static readonly OrgUnitSummary South = new(Guid.NewGuid(), Care.Id, "Pflegeteam Süd", OrgUnitLevel.Team);
    private static readonly OrgUnitSummary Youth = new(Guid.NewGuid(), Organisation.Id, "Jugendhilfe", OrgUnitLevel.Department);

    private static readonly OrgUnitTree Tree = new([South, Youth, North, Organisation, Care]);

    [Fact]
    public void Children_are_the_units_directly_below_ordered_by_name()
    {
        Assert.Equal([Care, Youth], Tree.Children(Organisation.Id));
        Assert.Equal([North, South], Tree.Children(Care.Id));
        Assert.Empty(Tree.Children(North.Id));
    }

    [Fact]
    public void A_subtree_is_the_unit_and_everything_below_it()
    {
        Assert.Equal([Care, North, South], Tree.Subtree(Care.Id));
        Assert.Equal([North], Tree.Subtree(North.Id));
        Assert.Equal(5, Tree.Subtree(Organisation.Id).Count);
    }

    [Fact]
    public void Ancestors_run_from_the_parent_up_to_the_organisation()
    {
        Assert.Equal([Care, Organisation], Tree.Ancestors(North.Id));
        Assert.Empty(Tree.Ancestors(Organisation.Id));
    }

    [Fact]
    public void Self_and_ancestors_start_with_the_unit_itself()
    {
        Assert.Equal([North, Care, Organisation], Tree.SelfAndAncestors(North.Id));
        Assert.Equal([Organisation], Tree.SelfAndAncestors(Organisation.Id));
    }

    [Fact]
    public void The_nearest_department_of_a_team_is_its_parent_and_of_a_department_itself()
    {
        Assert.Equal(Care, Tree.NearestOfKind(South.Id, OrgUnitLevel.Department));
        Assert.Equal(Youth, Tree.NearestOfKind(Youth.Id, OrgUnitLevel.Department));
        Assert.Null(Tree.NearestOfKind(Organisation.Id, OrgUnitLevel.Department));
    }

    [Fact]
    public void In_order_is_depth_first_with_siblings_by_name_and_each_unit_s_depth()
    {
        Assert.Equal([(Organisation, 0), (Care, 1), (North, 2), (South, 2), (Youth, 1)], Tree.InOrder());
    }

    [Fact]
    public void Units_of_the_same_name_keep_the_order_given()
    {
        var first = new OrgUnitSummary(Guid.NewGuid(), Organisation.Id, "Team", OrgUnitLevel.Team);
        var second = new OrgUnitSummary(Guid.NewGuid(), Organisation.Id, "Team", OrgUnitLevel.Team);

        Assert.Equal([first, second], new OrgUnitTree([Organisation, first, second]).Children(Organisation.Id));
        Assert.Equal([second, first], new OrgUnitTree([Organisation, second, first]).Children(Organisation.Id));
    }

    [Fact]
    public void An_unknown_unit_has_no_subtree_no_ancestors_and_no_children()
    {
        var unknown = Guid.NewGuid();

        Assert.False(Tree.Contains(unknown));
        Assert.Null(Tree.Find(unknown));
        Assert.Empty(Tree.Subtree(unknown));
        Assert.Empty(Tree.Ancestors(unknown));
        Assert.Empty(Tree.SelfAndAncestors(unknown));
        Assert.Empty(Tree.Children(unknown));
    }

    [Fact]
    public void A_cycle_in_the_data_ends_every_walk()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var first = new OrgUnitSummary(a, b, "A", OrgUnitLevel.Department);
        var second = new OrgUnitSummary(b, a, "B", OrgUnitLevel.Team);
        var tree = new OrgUnitTree([Organisation, first, second]);

        Assert.Equal([second], tree.Ancestors(a));
        Assert.Equal([first, second], tree.Subtree(a));
        Assert.Null(tree.NearestOfKind(b, OrgUnitLevel.Organisation));
        Assert.Equal([(Organisation, 0)], tree.InOrder());
    }
}
