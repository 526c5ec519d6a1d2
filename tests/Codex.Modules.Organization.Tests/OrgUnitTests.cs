using Codex.Modules.Organization.Domain;
using Codex.Shared.Domain;

namespace Codex.Modules.Organization.Tests;

public sealed class OrgUnitTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static OrgUnit Organisation() => OrgUnit.Create(Guid.NewGuid(), "Sozialwerk", OrgUnitKind.Organisation, null, Now);

    private static OrgUnit Department(OrgUnit organisation) => OrgUnit.Create(Guid.NewGuid(), "Ambulante Pflege", OrgUnitKind.Department, organisation, Now);

    [Fact]
    public void The_tree_is_organisation_then_department_then_team()
    {
        var organisation = Organisation();
        var department = Department(organisation);
        var team = OrgUnit.Create(Guid.NewGuid(), "Pflegeteam Nord", OrgUnitKind.Team, department, Now);

        Assert.Null(organisation.ParentId);
        Assert.Equal(organisation.Id, department.ParentId);
        Assert.Equal(department.Id, team.ParentId);
    }

    [Fact]
    public void A_team_cannot_hang_directly_below_the_organisation()
    {
        var error = Assert.Throws<DomainException>(() => OrgUnit.Create(Guid.NewGuid(), "Team", OrgUnitKind.Team, Organisation(), Now));
        Assert.Equal("Org.TeamNeedsDepartment", error.MessageKey);
    }

    [Fact]
    public void An_organisation_has_no_parent()
    {
        var error = Assert.Throws<DomainException>(() => OrgUnit.Create(Guid.NewGuid(), "Zweite", OrgUnitKind.Organisation, Organisation(), Now));
        Assert.Equal("Org.OrganisationHasNoParent", error.MessageKey);
    }

    [Fact]
    public void A_department_needs_an_organisation_as_parent()
    {
        var department = Department(Organisation());
        var error = Assert.Throws<DomainException>(() => OrgUnit.Create(Guid.NewGuid(), "Unterbereich", OrgUnitKind.Department, department, Now));
        Assert.Equal("Org.DepartmentNeedsOrganisation", error.MessageKey);
    }

    [Fact]
    public void A_team_moves_to_another_department_but_not_below_a_team()
    {
        var organisation = Organisation();
        var from = Department(organisation);
        var to = Department(organisation);
        var team = OrgUnit.Create(Guid.NewGuid(), "Team", OrgUnitKind.Team, from, Now);
        var otherTeam = OrgUnit.Create(Guid.NewGuid(), "Anderes Team", OrgUnitKind.Team, to, Now);

        team.MoveTo(to, Now);
        team.MoveTo(to, Now);

        Assert.Equal(to.Id, team.ParentId);
        // Aggregates over ancestors (the skills heatmap) are rebuilt on this event; a move to the same parent is none.
        Assert.Single(team.DomainEvents.OfType<OrgUnitMoved>(), e => e.NewParentId == to.Id);
        Assert.Throws<DomainException>(() => team.MoveTo(otherTeam, Now));
        Assert.Throws<DomainException>(() => team.MoveTo(team, Now));
    }

    [Fact]
    public void Names_are_stored_without_surrounding_spaces()
    {
        var organisation = Organisation();
        organisation.Rename("  Neuer Name  ");
        Assert.Equal("Neuer Name", organisation.Name);
    }
}
