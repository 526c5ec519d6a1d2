using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Features.Gaps;

namespace Codex.Modules.Skills.Tests;

/// <summary>Where a member counts in the heatmap's coverage: their units and every ancestor, each once.</summary>
public sealed class CoverageScopeTests
{
    private static readonly OrgUnitSummary Organisation = new(Guid.NewGuid(), null, "Sozialwerk", OrgUnitLevel.Organisation);
    private static readonly OrgUnitSummary Care = new(Guid.NewGuid(), Organisation.Id, "Ambulante Pflege", OrgUnitLevel.Department);
    private static readonly OrgUnitSummary North = new(Guid.NewGuid(), Care.Id, "Pflegeteam Nord", OrgUnitLevel.Team);
    private static readonly OrgUnitSummary South = new(Guid.NewGuid(), Care.Id, "Pflegeteam Süd", OrgUnitLevel.Team);
    private static readonly OrgUnitSummary Youth = new(Guid.NewGuid(), Organisation.Id, "Jugendhilfe", OrgUnitLevel.Department);

    private static readonly OrgUnitTree Tree = new([Organisation, Care, North, South, Youth]);

    [Fact]
    public void A_team_member_counts_in_the_team_its_department_and_the_organisation()
    {
        Assert.Equal(new[] { North.Id, Care.Id, Organisation.Id }.Order(), CoverageMaintainer.ScopeOf(Tree, [North.Id]).Order());
    }

    [Fact]
    public void A_member_of_two_teams_of_one_department_counts_once_in_the_department_and_the_organisation()
    {
        var scope = CoverageMaintainer.ScopeOf(Tree, [North.Id, South.Id]);

        Assert.Equal(4, scope.Count);
        Assert.Equal(new[] { Organisation.Id, Care.Id, North.Id, South.Id }.Order(), scope.Order());
    }

    [Fact]
    public void A_unit_the_tree_does_not_know_yet_counts_only_for_itself()
    {
        var unknown = Guid.NewGuid();

        Assert.Equal([unknown], CoverageMaintainer.ScopeOf(Tree, [unknown]));
    }
}
