using System.Net;
using System.Net.Http.Json;
using Codex.IntegrationTests.Infrastructure;
using Codex.Modules.Learning.Contracts;
using Codex.Modules.Skills.Features.Gaps;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.IntegrationTests.Skills;

/// <summary>
/// The heatmap reads pre-aggregated coverage (per unit and tool, over the unit's subtree). These
/// specifications check that every kind of change keeps it equal to a recount from scratch.
/// </summary>
public abstract class SkillsCoverageTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_person_in_two_teams_of_one_department_counts_once_in_the_department_row()
    {
        var (department, teamA, teamB, people, tool) = await DepartmentWithFiveHoldersAsync();
        var admin = await AdminAsync();
        (await admin.PutAsync($"/api/org/units/{teamB}/members/{people[0]}", null)).EnsureSuccessStatusCode();

        var heatmap = await Eventually.HoldsAsync(
            () => HeatmapAsync(department),
            h => h.Cells.Any(c => c.UnitId == teamB && c.ToolId == tool),
            Delivery, "the second membership reaches Skills");
        Assert.Equal(5, Cell(heatmap, department, tool).Holders);
        Assert.True(Cell(heatmap, teamB, tool).Suppressed);
        // 5 in team A and 1 in team B against 5 in the department: shown, team A would leave the one person over.
        Assert.True(Cell(heatmap, teamA, tool).Suppressed);
        await AssertCoverageEqualsRecountAsync();
    }

    [Fact]
    public async Task Role_assignments_levels_requirements_and_memberships_keep_coverage_equal_to_a_recount()
    {
        var (department, teamA, teamB, people, tool) = await DepartmentWithFiveHoldersAsync();
        var hr = await HumanResourcesAsync();
        var admin = await AdminAsync();
        var role = await RoleIdAsync("Verwaltung");

        // A level reaching the requirement.
        var before = Cell(await HeatmapAsync(department), department, tool);
        await PublishAsync(new LearningStepCompletedIntegrationEvent(Guid.NewGuid(), DateTimeOffset.UtcNow, people[1], Guid.NewGuid(), Guid.NewGuid(), tool, 4));
        Assert.Equal(before.Meeting + 1, Cell(await HeatmapAsync(department), department, tool).Meeting);

        // A requirement raised above everyone's level: nobody meets it any more.
        var matrix = await hr.GetOkAsync<MatrixDto>("/api/skills/matrix");
        var cells = matrix.Cells.Select(c => c.RoleId == role && c.ToolId == tool ? c with { Level = 4 } : c).ToList();
        (await hr.PutAsJsonAsync("/api/skills/matrix", new { matrix.Version, cells })).EnsureSuccessStatusCode();
        try
        {
            var raised = Cell(await HeatmapAsync(department), department, tool);
            Assert.Equal(5, raised.Holders);
            Assert.Equal(1, raised.Meeting);
        }
        finally
        {
            // The other specifications pick a tool this role requires at level 2.
            var current = await hr.GetOkAsync<MatrixDto>("/api/skills/matrix");
            (await hr.PutAsJsonAsync("/api/skills/matrix", new { current.Version, matrix.Cells })).EnsureSuccessStatusCode();
        }

        // A role taken away, a member leaving a team, a member joining the other one.
        (await hr.DeleteAsync($"/api/skills/people/{people[2]}/roles/{role}")).EnsureSuccessStatusCode();
        (await admin.DeleteAsync($"/api/org/units/{teamA}/members/{people[3]}")).EnsureSuccessStatusCode();
        (await admin.PutAsync($"/api/org/units/{teamB}/members/{people[4]}", null)).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(
            () => HeatmapAsync(department), h => Cell(h, department, tool) is { Suppressed: true },
            Delivery, "three of five holders remain in the department: below the minimum group size");
        await AssertCoverageEqualsRecountAsync();
    }

    [Fact]
    public async Task A_team_moved_to_another_department_takes_its_people_along()
    {
        var (department, teamA, _, _, tool) = await DepartmentWithFiveHoldersAsync();
        var admin = await AdminAsync();
        var organisation = await admin.UnitIdAsync(CodexApi.DemoOrganisation);
        var target = await admin.CreateUnitAsync($"Zielbereich {Guid.NewGuid():N}"[..24], "Department", organisation);
        var version = (await admin.UnitAsync(teamA)).Version;

        (await admin.PutAsJsonAsync($"/api/org/units/{teamA}/parent", new { newParentId = target, version })).EnsureSuccessStatusCode();

        var moved = await Eventually.HoldsAsync(
            () => HeatmapAsync(target), h => h.Cells.Any(c => c.UnitId == target && c.ToolId == tool),
            Delivery, "the move reaches Skills");
        Assert.Equal(5, Cell(moved, target, tool).Holders);
        Assert.DoesNotContain((await HeatmapAsync(department)).Cells, c => c.UnitId == department && c.ToolId == tool);
        await AssertCoverageEqualsRecountAsync();
    }

    [Fact]
    public async Task Simultaneous_level_changes_of_many_people_all_count()
    {
        var (department, _, _, people, tool) = await DepartmentWithFiveHoldersAsync(holders: 12);
        var before = Cell(await HeatmapAsync(department), department, tool);

        await Task.WhenAll(people.Select(person =>
            PublishAsync(new LearningStepCompletedIntegrationEvent(Guid.NewGuid(), DateTimeOffset.UtcNow, person, Guid.NewGuid(), Guid.NewGuid(), tool, 4))));

        var after = Cell(await HeatmapAsync(department), department, tool);
        Assert.Equal(12, after.Holders);
        Assert.Equal(12, after.Meeting);
        Assert.True(before.Meeting < 12);
        await AssertCoverageEqualsRecountAsync();
    }

    /// <summary>A new department with two teams; team A has N people holding "Verwaltung"; the tool is one it requires at level 2.</summary>
    private async Task<(Guid Department, Guid TeamA, Guid TeamB, List<Guid> People, Guid Tool)> DepartmentWithFiveHoldersAsync(int holders = 5)
    {
        var admin = await AdminAsync();
        var hr = await HumanResourcesAsync();
        var organisation = await admin.UnitIdAsync(CodexApi.DemoOrganisation);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var department = await admin.CreateUnitAsync($"Abdeckung {suffix}", "Department", organisation);
        var teamA = await admin.CreateUnitAsync($"Team A {suffix}", "Team", department);
        var teamB = await admin.CreateUnitAsync($"Team B {suffix}", "Team", department);
        var role = await RoleIdAsync("Verwaltung");
        var matrix = await hr.GetOkAsync<MatrixDto>("/api/skills/matrix");
        var tool = matrix.Cells.First(c => c.RoleId == role && c.Level == 2).ToolId;

        var people = new List<Guid>();
        for (var i = 0; i < holders; i++)
        {
            var person = await admin.CreatePersonAsync("Abdeckung", $"Person {i} {suffix}");
            (await admin.PutAsync($"/api/org/units/{teamA}/members/{person}", null)).EnsureSuccessStatusCode();
            (await hr.PutAsync($"/api/skills/people/{person}/roles/{role}", null)).EnsureSuccessStatusCode();
            people.Add(person);
        }

        await Eventually.HoldsAsync(
            () => HeatmapAsync(department), h => h.Cells.Any(c => c.UnitId == department && c.ToolId == tool && c.Holders == holders),
            Delivery, "the memberships reach Skills");
        return (department, teamA, teamB, people, tool);
    }

    private async Task<HeatmapDto> HeatmapAsync(Guid unitId) =>
        await (await HumanResourcesAsync()).GetOkAsync<HeatmapDto>($"/api/skills/heatmap?unitId={unitId}");

    private static CellDto Cell(HeatmapDto heatmap, Guid unitId, Guid toolId) =>
        heatmap.Cells.Single(c => c.UnitId == unitId && c.ToolId == toolId);

    private async Task<Guid> RoleIdAsync(string name) =>
        (await (await HumanResourcesAsync()).GetOkAsync<List<RoleDto>>("/api/skills/roles")).Single(r => r.Name == name).Id;

    private async Task PublishAsync(LearningStepCompletedIntegrationEvent e)
    {
        using var scope = Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(e);
    }

    /// <summary>Waits until no event is on its way, then compares the kept coverage with a full recount.</summary>
    private async Task AssertCoverageEqualsRecountAsync()
    {
        foreach (var module in new[] { "Organization", "Skills" })
        {
            await Eventually.HoldsAsync(
                () => Factory.WithModuleDbAsync(module, db => db.OutboxMessages.CountAsync(m => m.ProcessedAt == null)),
                n => n == 0, Delivery, $"{module}'s events are delivered");
        }

        var kept = await CoverageAsync();
        using (var scope = Factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RebuildCoverageCommand());
        }

        Assert.Equal(await CoverageAsync(), kept);
    }

    private Task<List<string>> CoverageAsync() =>
        Factory.WithModuleDbAsync("Skills", async db =>
            (await ((SkillsDbContext)db).UnitCoverage.AsNoTracking().ToListAsync())
                .Select(c => $"{c.UnitId} {c.ToolId} {c.Holders} {c.Meeting}").Order(StringComparer.Ordinal).ToList());

    private sealed record RoleDto(Guid Id, string Name);

    private sealed record MatrixCellDto(Guid RoleId, Guid ToolId, int Level, bool Mandatory, string Rationale);

    private sealed record MatrixDto(int Version, List<MatrixCellDto> Cells);

    private sealed record CellDto(Guid UnitId, Guid ToolId, int Holders, int Meeting, bool Suppressed);

    private sealed record HeatmapDto(List<CellDto> Cells);
}

[Collection(IntegrationCollection.Name)]
public sealed class SkillsCoverageTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : SkillsCoverageTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class SkillsCoverageTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : SkillsCoverageTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
