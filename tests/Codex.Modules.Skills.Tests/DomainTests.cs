using Codex.Modules.Skills.Domain;
using Codex.Shared.Domain;

namespace Codex.Modules.Skills.Tests;

public sealed class MatrixTests
{
    private static readonly Guid Nurse = Guid.NewGuid();
    private static readonly Guid CareDoc = Guid.NewGuid();
    private static readonly Guid Messenger = Guid.NewGuid();

    [Fact]
    public void Applying_cells_reports_only_the_cells_that_really_changed_with_their_old_value()
    {
        var matrix = RequirementMatrix.Create();
        matrix.Apply([new RequirementCell(Nurse, CareDoc, 3, true, "Pflegeplanung"), new RequirementCell(Nurse, Messenger, 2, false, null)]);

        var changes = matrix.Apply([new RequirementCell(Nurse, CareDoc, 3, true, " Pflegeplanung "), new RequirementCell(Nurse, Messenger, 3, false, null)]);

        var change = Assert.Single(changes);
        Assert.Equal(Messenger, change.ToolId);
        Assert.Equal(2, change.Old!.Level);
        Assert.Equal(3, change.New!.Level);
        Assert.Equal(3, matrix.Find(Nurse, Messenger)!.Level);
    }

    [Fact]
    public void Level_zero_removes_a_requirement_and_an_absent_one_stays_absent()
    {
        var matrix = RequirementMatrix.Create();
        matrix.Apply([new RequirementCell(Nurse, CareDoc, 2, true, null)]);

        var removed = Assert.Single(matrix.Apply([new RequirementCell(Nurse, CareDoc, 0, false, null), new RequirementCell(Nurse, Messenger, 0, false, null)]));

        Assert.Null(removed.New);
        Assert.Empty(matrix.Requirements);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    public void A_level_off_the_scale_is_refused(int level)
    {
        var ex = Assert.Throws<DomainException>(() => RequirementMatrix.Create().Apply([new RequirementCell(Nurse, CareDoc, level, true, null)]));
        Assert.Equal("Skills.LevelOutOfScale", ex.MessageKey);
    }

    [Fact]
    public void A_rationale_longer_than_300_characters_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => RequirementMatrix.Create().Apply([new RequirementCell(Nurse, CareDoc, 2, true, new string('x', 301))]));
        Assert.Equal("Skills.RationaleTooLong", ex.MessageKey);
    }
}

/// <summary>A grid edit against the version the editor loaded: what the editor changed, and how it stands against a newer grid.</summary>
public sealed class RequirementEditTests
{
    private static readonly Guid Nurse = Guid.NewGuid();
    private static readonly Guid CareDoc = Guid.NewGuid();
    private static readonly Guid Messenger = Guid.NewGuid();

    private static RequirementCell Cell(Guid tool, int level, bool mandatory = false, string? why = null) => new(Nurse, tool, level, mandatory, why);

    [Fact]
    public void Only_cells_the_editor_changed_from_the_loaded_version_are_saved_again()
    {
        var edits = new[]
        {
            new RequirementEdit(Cell(CareDoc, 2, true, "Pflegeplanung"), Cell(CareDoc, 2, true, " Pflegeplanung ")),
            new RequirementEdit(Cell(Messenger, 0), Cell(Messenger, 0, true, "ignored without a level")),
            new RequirementEdit(Cell(Messenger, 1), Cell(Messenger, 3)),
        };

        var changed = Assert.Single(RequirementEdit.ChangedCells(edits));

        Assert.Equal((Messenger, 3), (changed.ToolId, changed.Level));
    }

    [Fact]
    public void A_cell_sent_without_what_was_loaded_counts_as_changed()
    {
        Assert.True(new RequirementEdit(null, Cell(CareDoc, 0)).ChangedByEditor);
    }

    [Fact]
    public void After_someone_else_saved_their_cell_stays_unless_the_editor_changed_it_too()
    {
        var loaded = Cell(CareDoc, 1);
        var theirs = Cell(CareDoc, 3, true, "neu");

        Assert.Equal(CellConflict.TheirsStays, new RequirementEdit(loaded, Cell(CareDoc, 1)).Against(theirs));
        Assert.Equal(CellConflict.YoursReplacesTheirs, new RequirementEdit(loaded, Cell(CareDoc, 2)).Against(theirs));
        Assert.Equal(CellConflict.None, new RequirementEdit(loaded, Cell(CareDoc, 3, true, "neu")).Against(theirs));
        Assert.Equal(CellConflict.None, new RequirementEdit(loaded, Cell(CareDoc, 4)).Against(loaded));
        Assert.Equal(CellConflict.TheirsStays, new RequirementEdit(loaded, Cell(CareDoc, 1)).Against(null));
    }

    [Fact]
    public void Saving_the_editors_changes_over_the_newer_grid_keeps_the_other_persons_cells()
    {
        var matrix = RequirementMatrix.Create();
        matrix.Apply([Cell(CareDoc, 1), Cell(Messenger, 1)]);
        var loaded = new[] { Cell(CareDoc, 1), Cell(Messenger, 1) };
        matrix.Apply([Cell(CareDoc, 3, true, "A")]); // someone else, in between
        var entered = new[] { Cell(CareDoc, 1), Cell(Messenger, 2, false, "B") };

        matrix.Apply(RequirementEdit.ChangedCells(loaded.Zip(entered, (l, e) => new RequirementEdit(l, e))));

        Assert.Equal((3, true, "A"), (matrix.Find(Nurse, CareDoc)!.Level, matrix.Find(Nurse, CareDoc)!.Mandatory, matrix.Find(Nurse, CareDoc)!.Rationale));
        Assert.Equal((2, "B"), (matrix.Find(Nurse, Messenger)!.Level, matrix.Find(Nurse, Messenger)!.Rationale));
    }
}

public sealed class RoleAssignmentTests
{
    [Fact]
    public void Assigning_raises_RoleAssigned_and_a_second_assignment_of_the_same_role_is_refused()
    {
        var role = Role.Create(Guid.NewGuid(), " Pflegefachkraft ", null);
        var person = PersonRoles.For(Guid.NewGuid());

        person.Assign(role, DateTimeOffset.UnixEpoch);

        var raised = Assert.IsType<RoleAssigned>(Assert.Single(person.DomainEvents));
        Assert.Equal(("Pflegefachkraft", role.Id, person.PersonId), (raised.RoleName, raised.RoleId, raised.PersonId));
        Assert.Equal("Skills.RoleAlreadyAssigned", Assert.Throws<DomainException>(() => person.Assign(role, DateTimeOffset.UnixEpoch)).MessageKey);
    }

    [Fact]
    public void A_person_can_hold_several_roles_and_leaving_unassigns_every_one()
    {
        var person = PersonRoles.For(Guid.NewGuid());
        person.Assign(Role.Create(Guid.NewGuid(), "Pflegefachkraft", null), DateTimeOffset.UnixEpoch);
        person.Assign(Role.Create(Guid.NewGuid(), "Teamleitung", null), DateTimeOffset.UnixEpoch);
        person.ClearDomainEvents();

        person.Leave(DateTimeOffset.UnixEpoch);
        person.Leave(DateTimeOffset.UnixEpoch);

        Assert.Empty(person.Assignments);
        Assert.Equal(2, person.DomainEvents.OfType<RoleUnassigned>().Count());
        Assert.Equal(2, person.Suspended.Count);
    }

    [Fact]
    public void Returning_gives_back_the_roles_held_at_leaving_with_their_first_date_except_deleted_ones()
    {
        var since = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var kept = Role.Create(Guid.NewGuid(), "Pflegefachkraft", null);
        var deleted = Role.Create(Guid.NewGuid(), "Teamleitung", null);
        var person = PersonRoles.For(Guid.NewGuid());
        person.Assign(kept, since);
        person.Assign(deleted, since);
        person.Leave(since.AddYears(1));
        person.ClearDomainEvents();

        person.Return([kept], since.AddYears(2));
        person.Return([kept], since.AddYears(2));

        var assignment = Assert.Single(person.Assignments);
        Assert.Equal((kept.Id, since), (assignment.RoleId, assignment.AssignedAt));
        Assert.Equal(kept.Id, Assert.IsType<RoleAssigned>(Assert.Single(person.DomainEvents)).RoleId);
        Assert.Empty(person.Suspended);
    }

    [Fact]
    public void Removing_a_role_the_person_does_not_hold_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => PersonRoles.For(Guid.NewGuid()).Unassign(Guid.NewGuid(), DateTimeOffset.UnixEpoch));
        Assert.Equal("Skills.RoleNotAssigned", ex.MessageKey);
    }
}

public sealed class ProficiencyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Every_change_leaves_history_with_its_source_and_old_and_new_level()
    {
        var person = Guid.NewGuid();
        var lead = Guid.NewGuid();
        var proficiency = Proficiency.Start(person, Guid.NewGuid());

        var self = proficiency.AssessSelf(2, person, Now);
        var confirmed = proficiency.ConfirmByLead(3, lead, Now);

        Assert.Equal((0, 2, ProficiencySource.Self, (Guid?)person), (self!.OldLevel, self.NewLevel, self.Source, self.ChangedBy));
        Assert.Equal((2, 3, ProficiencySource.Lead, (Guid?)lead), (confirmed.OldLevel, confirmed.NewLevel, confirmed.Source, confirmed.ChangedBy));
        Assert.True(proficiency.ConfirmedByLead);
    }

    [Fact]
    public void A_new_self_assessment_withdraws_the_lead_confirmation()
    {
        var person = Guid.NewGuid();
        var proficiency = Proficiency.Start(person, Guid.NewGuid());
        proficiency.ConfirmByLead(2, Guid.NewGuid(), Now);

        proficiency.AssessSelf(4, person, Now);

        Assert.False(proficiency.ConfirmedByLead);
    }

    [Fact]
    public void A_self_assessment_at_the_level_already_held_changes_nothing_and_leaves_no_history()
    {
        var person = Guid.NewGuid();
        var untouched = Proficiency.Start(person, Guid.NewGuid());
        var confirmed = Proficiency.Start(person, Guid.NewGuid());
        confirmed.ConfirmByLead(2, Guid.NewGuid(), Now);

        Assert.Null(untouched.AssessSelf(0, person, Now));
        Assert.Null(confirmed.AssessSelf(2, person, Now));

        Assert.Equal((2, ProficiencySource.Lead, true), (confirmed.Level, confirmed.Source, confirmed.ConfirmedByLead));
        var changed = untouched.AssessSelf(1, person, Now);
        Assert.Equal((0, 1), (changed!.OldLevel, changed.NewLevel));
    }

    [Fact]
    public void Learning_raises_the_level_but_never_lowers_it()
    {
        var proficiency = Proficiency.Start(Guid.NewGuid(), Guid.NewGuid());
        proficiency.AssessSelf(3, proficiency.PersonId, Now);

        Assert.Null(proficiency.RaiseByLearning(2, Now));
        Assert.Null(proficiency.RaiseByLearning(3, Now));
        var raised = proficiency.RaiseByLearning(4, Now);

        Assert.Equal(ProficiencySource.Learning, raised!.Source);
        Assert.Equal(4, proficiency.Level);
    }

    [Fact]
    public void Leads_cannot_confirm_their_own_level()
    {
        var lead = Guid.NewGuid();
        var ex = Assert.Throws<DomainException>(() => Proficiency.Start(lead, Guid.NewGuid()).ConfirmByLead(3, lead, Now));
        Assert.Equal("Skills.CannotConfirmOwn", ex.MessageKey);
    }
}

public sealed class ToolAndSettingsTests
{
    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("//evil.example/guide")]
    [InlineData("data:text/html,hi")]
    [InlineData("/\\evil.example")]
    public void A_guide_link_that_is_not_http_or_a_site_path_is_refused(string link)
    {
        var ex = Assert.Throws<DomainException>(() => Tool.Create(Guid.NewGuid(), "Messenger", ToolCategory.Communication, null, link, ToolLifecycle.InUse, []));
        Assert.Equal("Skills.GuideUrlInvalid", ex.MessageKey);
    }

    [Fact]
    public void A_tool_links_only_to_known_DigComp_competences_and_keeps_each_once()
    {
        var tool = Tool.Create(Guid.NewGuid(), "Messenger", ToolCategory.Communication, null, "https://intranet.example/guide", ToolLifecycle.InUse, ["2.1", "2.1", "4.2"]);
        Assert.Equal(["2.1", "4.2"], tool.Competences.Select(c => c.CompetenceCode).Order().ToArray());

        tool.Update("Messenger", ToolCategory.Communication, null, null, ToolLifecycle.BeingRetired, ["4.2"]);
        Assert.Equal("4.2", Assert.Single(tool.Competences).CompetenceCode);

        Assert.Equal("Skills.UnknownCompetence", Assert.Throws<DomainException>(() => tool.Update("Messenger", ToolCategory.Communication, null, null, ToolLifecycle.InUse, ["6.1"])).MessageKey);
    }

    [Fact]
    public void DigComp_2_2_has_21_competences_in_5_areas_each_named_in_German_and_English()
    {
        Assert.Equal(21, DigComp.Competences.Count);
        Assert.Equal([3, 6, 4, 4, 4], DigComp.Competences.GroupBy(c => c.Area).OrderBy(g => g.Key).Select(g => g.Count()).ToArray());
        Assert.All(DigComp.Competences, c => Assert.False(string.IsNullOrWhiteSpace(c.NameDe) || string.IsNullOrWhiteSpace(c.NameEn)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(51)]
    public void The_minimum_group_size_stays_between_3_and_50(int size)
    {
        Assert.Equal("Skills.MinimumGroupSizeRange", Assert.Throws<DomainException>(() => PrivacySettings.Create(size, false)).MessageKey);
    }

    [Theory]
    [InlineData(4, 5, false)]
    [InlineData(5, 5, true)]
    [InlineData(0, 3, false)]
    public void An_aggregate_is_shown_only_from_the_minimum_group_size_on(int groupSize, int minimum, bool shown)
    {
        Assert.Equal(shown, PrivacySettings.MayShow(groupSize, minimum));
    }
}

public sealed class RoleTests
{
    [Fact]
    public void Only_a_role_nobody_holds_can_be_deleted()
    {
        var role = Role.Create(Guid.NewGuid(), "Hauswirtschaft", null);

        var refused = Assert.Throws<DomainException>(() => role.Delete(holders: 2, DateTimeOffset.UtcNow));
        Assert.Equal("Skills.RoleStillHeld", refused.MessageKey);
        Assert.Empty(role.DomainEvents);

        role.Delete(holders: 0, DateTimeOffset.UtcNow);
        Assert.Single(role.DomainEvents.OfType<RoleDeleted>(), e => e.RoleId == role.Id);
    }
}
