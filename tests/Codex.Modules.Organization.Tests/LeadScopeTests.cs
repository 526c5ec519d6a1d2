using Codex.Modules.Organization.Features.Leads;

namespace Codex.Modules.Organization.Tests;

/// <summary>Whoever leads a unit leads it and every unit below it — never a sibling or a unit above.</summary>
public sealed class LeadScopeTests
{
    private static readonly Guid Organisation = Guid.NewGuid();
    private static readonly Guid Care = Guid.NewGuid();
    private static readonly Guid North = Guid.NewGuid();
    private static readonly Guid South = Guid.NewGuid();
    private static readonly Guid Youth = Guid.NewGuid();
    private static readonly Guid YouthTeam = Guid.NewGuid();

    private static readonly UnitLink[] Tree =
    [
        new(Organisation, null),
        new(Care, Organisation),
        new(North, Care),
        new(South, Care),
        new(Youth, Organisation),
        new(YouthTeam, Youth),
    ];

    [Fact]
    public void A_team_lead_leads_only_that_team()
    {
        Assert.Equal([North], LeadScope.Subtrees(Tree, [North]));
    }

    [Fact]
    public void A_department_lead_leads_the_department_and_its_teams_but_not_the_other_department()
    {
        var led = LeadScope.Subtrees(Tree, [Care]);

        Assert.Equal(new HashSet<Guid> { Care, North, South }, led.ToHashSet());
        Assert.Equal(Care, led[0]);
    }

    [Fact]
    public void The_organisations_lead_leads_every_unit()
    {
        Assert.Equal(Tree.Select(u => u.Id).ToHashSet(), LeadScope.Subtrees(Tree, [Organisation]).ToHashSet());
    }

    [Fact]
    public void Leading_a_department_and_one_of_its_teams_lists_each_unit_once()
    {
        var led = LeadScope.Subtrees(Tree, [North, Care, North]);

        Assert.Equal(3, led.Count);
        Assert.Equal(new HashSet<Guid> { Care, North, South }, led.ToHashSet());
    }

    [Fact]
    public void Leading_nothing_or_an_unknown_unit_gives_no_units()
    {
        Assert.Empty(LeadScope.Subtrees(Tree, []));
        Assert.Empty(LeadScope.Subtrees(Tree, [Guid.NewGuid()]));
    }

    [Fact]
    public void A_cycle_in_bad_data_ends_instead_of_looping()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();

        Assert.Equal(new HashSet<Guid> { a, b }, LeadScope.Subtrees([new(a, b), new(b, a)], [a]).ToHashSet());
    }
}
