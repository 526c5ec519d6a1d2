using Codex.Modules.Learning.Domain;
using Codex.Shared.Domain;

namespace Codex.Modules.Learning.Tests;

public sealed class LearningPathTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static StepDetails Reading(string title) => new(title, StepKind.Reading, 15, null, null, null, null, null, false);

    [Fact]
    public void Steps_move_up_and_down_and_stay_numbered_without_gaps()
    {
        var path = LearningPath.Create(Guid.NewGuid(), "Pfad", "", false, null, Now);
        var a = path.AddStep(Guid.NewGuid(), Reading("A"));
        var b = path.AddStep(Guid.NewGuid(), Reading("B"));
        var c = path.AddStep(Guid.NewGuid(), Reading("C"));

        path.MoveStep(c.Id, -1);
        path.MoveStep(a.Id, -1); // already first: nothing happens

        Assert.Equal(["A", "C", "B"], path.OrderedSteps.Select(s => s.Title));
        path.RemoveStep(a.Id);
        Assert.Equal([1, 2], path.OrderedSteps.Select(s => s.Position));
        Assert.Equal(b.Id, path.OrderedSteps.Last().Id);
    }

    [Fact]
    public void Assigning_to_the_same_role_again_changes_the_offset_instead_of_adding_a_second_assignment()
    {
        var path = LearningPath.Create(Guid.NewGuid(), "Pfad", "", false, null, Now);
        path.AddStep(Guid.NewGuid(), Reading("A"));
        var role = Guid.NewGuid();

        path.AssignToRole(role, "Pflegefachkraft", 60, Now);
        path.AssignToRole(role, "Pflegefachkraft", 30, Now);

        Assert.Equal(30, Assert.Single(path.Assignments).DueOffsetDays);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(731)]
    public void A_due_offset_outside_one_to_730_days_is_refused(int days)
    {
        var path = LearningPath.Create(Guid.NewGuid(), "Pfad", "", false, null, Now);
        path.AddStep(Guid.NewGuid(), Reading("A"));

        Assert.Equal("Path.DueOffsetInvalid", Assert.Throws<DomainException>(() => path.AssignToRole(Guid.NewGuid(), "R", days, Now)).MessageKey);
    }

    [Fact]
    public void A_path_without_steps_cannot_be_assigned_and_a_workshop_needs_date_and_place()
    {
        var path = LearningPath.Create(Guid.NewGuid(), "Pfad", "", false, null, Now);

        Assert.Equal("Path.NoSteps", Assert.Throws<DomainException>(() => path.AssignToRole(Guid.NewGuid(), "R", 30, Now)).MessageKey);
        Assert.Equal("Step.WorkshopNeedsDateAndPlace", Assert.Throws<DomainException>(() =>
            path.AddStep(Guid.NewGuid(), new StepDetails("W", StepKind.Workshop, 60, null, Now, null, null, null, false))).MessageKey);
        Assert.Equal("Step.TargetInvalid", Assert.Throws<DomainException>(() =>
            path.AddStep(Guid.NewGuid(), new StepDetails("T", StepKind.Reading, 60, null, null, null, Guid.NewGuid(), null, false))).MessageKey);
    }
}
