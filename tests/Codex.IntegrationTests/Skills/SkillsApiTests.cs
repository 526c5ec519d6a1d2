using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Codex.IntegrationTests.Infrastructure;
using Codex.Modules.Learning.Contracts;
using Codex.Modules.Learning.Domain;
using Codex.Shared.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.IntegrationTests.Skills;

/// <summary>The Skills module through its API: matrix, assignments, self-assessment, gaps, heatmap and privacy rules.</summary>
public abstract class SkillsApiTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    [Fact]
    public async Task The_demo_has_the_six_roles_its_tools_and_a_member_with_visible_gaps()
    {
        var hr = await HumanResourcesAsync();
        var roles = await hr.GetOkAsync<List<RoleDto>>("/api/skills/roles");
        Assert.Equal(
            ["Erzieher:in", "Pflegefachkraft", "Pflegehilfskraft", "Sozialarbeiter:in", "Teamleitung", "Verwaltung"],
            roles.Select(r => r.Name).Order(StringComparer.Ordinal).ToArray());
        var tools = await hr.GetOkAsync<ToolPage>("/api/skills/tools?search=messenger");
        Assert.Equal("Dienst-Messenger", Assert.Single(tools.Items).Name);

        var member = await (await MemberAsync()).GetOkAsync<PersonSkillsDto>("/api/skills/me");
        Assert.Contains(member.Roles, r => r is "Pflegefachkraft" or "Pflegehilfskraft");
        Assert.True(member.Lines.Single(l => l.ToolName == "Pflegedokumentation (Tablet-App)").RequiredLevel >= 2);
        var lead = await (await TeamLeadAsync()).GetOkAsync<PersonSkillsDto>("/api/skills/me");
        Assert.Contains("Teamleitung", lead.Roles);
        var video = lead.Lines.Single(l => l.ToolName == "Videokonferenz");
        Assert.True(video.IsGap);
        Assert.Equal(video.RequiredLevel - 1, video.CurrentLevel);
    }

    [Fact]
    public async Task Assigning_and_removing_a_role_publishes_RoleAssigned_and_RoleUnassigned_through_the_outbox()
    {
        var hr = await HumanResourcesAsync();
        var person = await (await AdminAsync()).CreatePersonAsync("Rita", "Rollenwechsel");
        var role = (await hr.GetOkAsync<List<RoleDto>>("/api/skills/roles")).Single(r => r.Name == "Verwaltung");

        await (await hr.PutAsync($"/api/skills/people/{Guid.NewGuid()}/roles/{role.Id}", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        (await hr.PutAsync($"/api/skills/people/{person}/roles/{role.Id}", null)).EnsureSuccessStatusCode();
        await (await hr.PutAsync($"/api/skills/people/{person}/roles/{role.Id}", null)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(person, await hr.GetOkAsync<List<Guid>>($"/api/skills/roles/{role.Id}/holders"));
        (await hr.DeleteAsync($"/api/skills/people/{person}/roles/{role.Id}")).EnsureSuccessStatusCode();
        Assert.DoesNotContain(person, await hr.GetOkAsync<List<Guid>>($"/api/skills/roles/{role.Id}/holders"));

        var types = await Factory.WithModuleDbAsync("Skills", async db =>
            await db.OutboxMessages.AsNoTracking().Where(m => m.Payload.Contains(person.ToString())).Select(m => m.Type).ToListAsync());
        Assert.Single(types, t => t.Contains("RoleAssignedIntegrationEvent", StringComparison.Ordinal));
        Assert.Single(types, t => t.Contains("RoleUnassignedIntegrationEvent", StringComparison.Ordinal));
        var audit = await hr.GetOkAsync<AuditPage>("/api/skills/audit?area=Assignment");
        Assert.Contains(audit.Items, a => a.Subject == "Rita Rollenwechsel · Verwaltung" && a.NewValue == "assigned");
    }

    [Fact]
    public async Task A_role_nobody_holds_is_deleted_with_its_requirements_and_its_learning_path_assignments()
    {
        var hr = await HumanResourcesAsync();
        var name = $"Auslaufrolle {Guid.NewGuid():N}"[..24];
        var created = await hr.PostAsJsonAsync("/api/skills/roles", new { name, description = "wird gelöscht" });
        await created.AssertStatusAsync(HttpStatusCode.Created);
        var role = (await hr.GetOkAsync<List<RoleDto>>("/api/skills/roles")).Single(r => r.Name == name);
        var tool = (await hr.GetOkAsync<ToolPage>("/api/skills/tools?search=Dienst-Messenger")).Items.Single();
        var matrix = await hr.GetOkAsync<MatrixDto>("/api/skills/matrix");
        (await hr.PutAsJsonAsync("/api/skills/matrix", new { matrix.Version, cells = matrix.Cells.Append(new CellDto(role.Id, tool.Id, 2, true, "Kurzmitteilungen")) }))
            .EnsureSuccessStatusCode();
        var path = await NewAssignedPathAsync(hr, role.Id);
        var person = await (await AdminAsync()).CreatePersonAsync("Rolf", "Auslauf");
        (await hr.PutAsync($"/api/skills/people/{person}/roles/{role.Id}", null)).EnsureSuccessStatusCode();

        await (await (await MemberAsync()).DeleteAsync($"/api/skills/roles/{role.Id}?version={role.Version}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var held = await (await hr.DeleteAsync($"/api/skills/roles/{role.Id}?version={role.Version}")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Rollenzuweisung", held.GetProperty("detail").GetString(), StringComparison.Ordinal);

        (await hr.DeleteAsync($"/api/skills/people/{person}/roles/{role.Id}")).EnsureSuccessStatusCode();
        await (await hr.DeleteAsync($"/api/skills/roles/{role.Id}?version={role.Version + 5}")).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await hr.DeleteAsync($"/api/skills/roles/{role.Id}?version={role.Version}")).AssertStatusAsync(HttpStatusCode.NoContent);

        Assert.DoesNotContain(await hr.GetOkAsync<List<RoleDto>>("/api/skills/roles"), r => r.Id == role.Id);
        Assert.DoesNotContain((await hr.GetOkAsync<MatrixDto>("/api/skills/matrix")).Cells, c => c.RoleId == role.Id);
        await (await hr.DeleteAsync($"/api/skills/roles/{role.Id}?version={role.Version}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var audit = await hr.GetOkAsync<AuditPage>("/api/skills/audit?area=Role");
        Assert.Contains(audit.Items, a => a.Subject == name && a.NewValue == null);
        await Eventually.HoldsAsync(
            () => Factory.WithModuleDbAsync("Learning", db => db.Set<PathAssignment>().CountAsync(a => a.PathId == path && a.RoleId == role.Id)),
            n => n == 0, TimeSpan.FromSeconds(20), "the learning path is no longer assigned to the deleted role");
    }

    private static async Task<Guid> NewAssignedPathAsync(HttpClient hr, Guid roleId)
    {
        var created = await hr.PostAsJsonAsync("/api/learning/paths", new { title = $"Pfad {Guid.NewGuid():N}"[..16], description = "Test" });
        await created.AssertStatusAsync(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<IdDto>(CodexApi.Json))!.Id;
        var version = (await hr.GetOkAsync<VersionDto>($"/api/learning/paths/{id}")).Version;
        await (await hr.PostAsJsonAsync($"/api/learning/paths/{id}/steps", new { title = "Merkblatt lesen", kind = "Reading", effortMinutes = 15, link = "/intranet/merkblatt", version }))
            .AssertStatusAsync(HttpStatusCode.OK);
        await (await hr.PostAsJsonAsync($"/api/learning/paths/{id}/assignments", new { roleId, dueOffsetDays = 30 })).AssertStatusAsync(HttpStatusCode.OK);
        return id;
    }

    private sealed record IdDto(Guid Id);

    private sealed record VersionDto(int Version);

    [Fact]
    public async Task A_member_can_neither_edit_the_matrix_nor_assign_roles_nor_see_the_heatmap_or_others_levels()
    {
        var member = await MemberAsync();
        var matrix = await member.GetOkAsync<MatrixDto>("/api/skills/matrix");
        var cell = matrix.Cells[0];
        var put = await member.PutAsJsonAsync("/api/skills/matrix", new { matrix.Version, cells = new[] { cell with { Level = 4 } } });
        await put.AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await member.PutAsync($"/api/skills/people/{Guid.NewGuid()}/roles/{cell.RoleId}", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await member.GetAsync("/api/skills/heatmap")).AssertProblemAsync(HttpStatusCode.Forbidden);

        var lead = await (await AdminAsync()).PersonIdAsync("Krüger");
        await (await member.GetAsync($"/api/skills/people/{lead}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await member.GetAsync($"/api/skills/people/{lead}/gaps")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(matrix.Cells.Count, (await member.GetOkAsync<MatrixDto>("/api/skills/matrix")).Cells.Count);
    }

    [Fact]
    public async Task A_matrix_save_based_on_an_outdated_version_is_refused_and_every_change_is_audited_old_to_new()
    {
        var hr = await HumanResourcesAsync();
        var matrix = await hr.GetOkAsync<MatrixDto>("/api/skills/matrix");
        var roles = await hr.GetOkAsync<List<RoleDto>>("/api/skills/roles");
        var tools = await hr.GetOkAsync<ToolPage>("/api/skills/tools?pageSize=100");
        var role = roles.Single(r => r.Name == "Verwaltung").Id;
        var tool = tools.Items.Single(t => t.Name == "Dienstplan-App").Id;

        var first = await hr.PutAsJsonAsync("/api/skills/matrix",
            new { matrix.Version, cells = new[] { new CellDto(role, tool, 2, false, "Urlaubsanträge") } });
        await first.AssertStatusAsync(HttpStatusCode.OK);
        var stale = await hr.PutAsJsonAsync("/api/skills/matrix",
            new { matrix.Version, cells = new[] { new CellDto(role, tool, 4, true, "überschrieben?") } });
        var conflict = await stale.AssertProblemAsync(HttpStatusCode.Conflict);

        // The conflict answer carries the grid as it is now, so the client can apply its change over it.
        var current = conflict.GetProperty("current").Deserialize<MatrixDto>(CodexApi.Json)!;
        Assert.Equal(matrix.Version + 1, current.Version);
        Assert.Equal((2, "Urlaubsanträge"), current.Cells.Where(c => c.RoleId == role && c.ToolId == tool).Select(c => (c.Level, c.Rationale)).Single());
        var now = await hr.GetOkAsync<MatrixDto>("/api/skills/matrix");
        Assert.Equal(current.Version, now.Version);
        Assert.Equal(2, now.Cells.Single(c => c.RoleId == role && c.ToolId == tool).Level);
        var audit = await hr.GetOkAsync<AuditPage>("/api/skills/audit?area=Matrix");
        var entry = audit.Items.First(a => a.Subject == "Verwaltung × Dienstplan-App");
        Assert.Null(entry.OldValue);
        Assert.Equal("2 recommended · Urlaubsanträge", entry.NewValue);
        Assert.Contains("heike", entry.Actor, StringComparison.OrdinalIgnoreCase);

        var removed = await hr.PutAsJsonAsync("/api/skills/matrix",
            new { now.Version, cells = new[] { new CellDto(role, tool, 0, false, null) } });
        await removed.AssertStatusAsync(HttpStatusCode.OK);
        Assert.DoesNotContain((await hr.GetOkAsync<MatrixDto>("/api/skills/matrix")).Cells, c => c.RoleId == role && c.ToolId == tool);
    }

    [Fact]
    public async Task A_self_assessment_of_the_whole_list_records_history_only_for_the_level_that_changed()
    {
        var member = await MemberAsync();
        var before = await member.GetOkAsync<PersonSkillsDto>("/api/skills/me");
        var since = before.History.Select(h => h.At).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        var changed = before.Lines.First(l => l.CurrentLevel < 4 && l.Version > 0);
        // The page sends every line, most of them untouched (tools never assessed have level 0 and version 0).
        Assert.Contains(before.Lines, l => l.Version == 0);
        var levels = before.Lines.Select(l => new { l.ToolId, level = l.ToolId == changed.ToolId ? l.CurrentLevel + 1 : l.CurrentLevel, l.Version }).ToList();

        (await member.PutAsJsonAsync("/api/skills/me/levels", new { levels })).EnsureSuccessStatusCode();

        var after = await member.GetOkAsync<PersonSkillsDto>("/api/skills/me");
        var added = after.History.Where(h => h.At > since).ToList();
        var entry = Assert.Single(added);
        Assert.Equal((changed.ToolName, changed.CurrentLevel, changed.CurrentLevel + 1), (entry.ToolName, entry.OldLevel, entry.NewLevel));
        Assert.DoesNotContain(after.History, h => h.OldLevel == h.NewLevel && h.Source == "Self");
        // Tools the person never touched get no record either.
        Assert.All(after.Lines.Where(l => before.Lines.Single(b => b.ToolId == l.ToolId).Version == 0), l => Assert.Equal(0, l.Version));
    }

    [Fact]
    public async Task Bad_input_gets_400_not_500()
    {
        var member = await MemberAsync();
        var tool = (await member.GetOkAsync<ToolPage>("/api/skills/tools")).Items[0].Id;
        await (await member.PutAsJsonAsync("/api/skills/me/levels", new { levels = new[] { new { toolId = tool, level = 9, version = 0 } } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await member.PutAsJsonAsync("/api/skills/me/levels", new { levels = new[] { new { toolId = Guid.NewGuid(), level = 2, version = 0 } } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await member.GetAsync("/api/skills/tools?pageSize=0")).AssertProblemAsync(HttpStatusCode.BadRequest);
        var hr = await HumanResourcesAsync();
        await (await hr.PostAsJsonAsync("/api/skills/tools", new { name = "X", category = "Office", lifecycle = "InUse", guideUrl = "javascript:alert(1)" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await hr.PostAsJsonAsync("/api/skills/tools", new { name = "Dienst-Messenger", category = "Office", lifecycle = "InUse" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        var matrix = await hr.GetOkAsync<MatrixDto>("/api/skills/matrix");
        await (await hr.PutAsJsonAsync("/api/skills/matrix", new { matrix.Version, cells = new[] { new CellDto(Guid.NewGuid(), tool, 2, true, null) } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_team_heatmap_counts_a_members_self_assessment_and_withholds_groups_below_the_minimum_size()
    {
        var hr = await HumanResourcesAsync();
        var team = await (await AdminAsync()).UnitIdAsync("Pflegeteam Nord");
        var tool = (await hr.GetOkAsync<ToolPage>("/api/skills/tools?search=Pflegedokumentation")).Items.Single();
        var before = (await hr.GetOkAsync<HeatmapDto>($"/api/skills/heatmap?unitId={team}")).Cells.Single(c => c.UnitId == team && c.ToolId == tool.Id);
        Assert.False(before.Suppressed);
        Assert.Equal(7, before.Holders);

        var member = await MemberAsync();
        var mine = (await member.GetOkAsync<PersonSkillsDto>("/api/skills/me")).Lines.Single(l => l.ToolId == tool.Id);
        Assert.True(mine.IsGap);
        var assess = await member.PutAsJsonAsync("/api/skills/me/levels", new { levels = new[] { new { toolId = tool.Id, level = 4, mine.Version } } });
        await assess.AssertStatusAsync(HttpStatusCode.NoContent);
        var stale = await member.PutAsJsonAsync("/api/skills/me/levels", new { levels = new[] { new { toolId = tool.Id, level = 3, mine.Version } } });
        await stale.AssertProblemAsync(HttpStatusCode.Conflict);

        var after = (await hr.GetOkAsync<HeatmapDto>($"/api/skills/heatmap?unitId={team}")).Cells.Single(c => c.UnitId == team && c.ToolId == tool.Id);
        Assert.Equal(before.Meeting + 1, after.Meeting);
        var history = (await member.GetOkAsync<PersonSkillsDto>("/api/skills/me")).History;
        Assert.Contains(history, h => h.ToolName == tool.Name && h.NewLevel == 4 && h.Source == "Self");

        // The lead's own tools (Teamleitung) are held by one person per team: withheld, never shown.
        var video = (await hr.GetOkAsync<ToolPage>("/api/skills/tools?search=Videokonferenz")).Items.Single();
        var small = (await hr.GetOkAsync<HeatmapDto>($"/api/skills/heatmap?unitId={team}")).Cells.Single(c => c.UnitId == team && c.ToolId == video.Id);
        Assert.True(small.Suppressed);
        Assert.Equal(0, small.Holders);
        Assert.Equal(0, small.Meeting);
    }

    [Fact]
    public async Task No_withheld_team_and_no_single_person_follows_from_a_shown_row_minus_the_rows_shown_below_it()
    {
        // Ambulante Pflege − Pflegeteam Nord gave Pflegeteam Süd's figures; a department minus all its teams the head's own.
        var hr = await HumanResourcesAsync();
        var organisation = await hr.GetOkAsync<SelectableDto>("/api/skills/heatmap");
        var minimum = organisation.MinimumGroupSize;
        var withheldBelowShown = 0;
        foreach (var unit in organisation.Selectable)
        {
            var map = await hr.GetOkAsync<HeatmapDto>($"/api/skills/heatmap?unitId={unit.Id}");
            var children = map.Rows.Where(r => r.Id != map.Scope.Id).Select(r => r.Id).ToHashSet();
            foreach (var total in map.Cells.Where(c => c.UnitId == map.Scope.Id && !c.Suppressed && children.Count > 0))
            {
                var parts = map.Cells.Where(c => children.Contains(c.UnitId) && c.ToolId == total.ToolId).ToList();
                var left = total.Holders - parts.Where(p => !p.Suppressed).Sum(p => p.Holders);
                var withheld = parts.Count(p => p.Suppressed);
                Assert.True((left == 0 && withheld == 0) || Math.Abs(left) >= minimum,
                    $"{unit.Name}: {left} holders left over for {withheld} withheld rows");
                withheldBelowShown += withheld;
            }
        }

        Assert.True(withheldBelowShown > 0, "the demo organisation has withheld teams under shown departments");

        // The organisation's row against the roles requiring a tool (role coverage) follows the same rule.
        var root = await hr.GetOkAsync<HeatmapDto>($"/api/skills/heatmap?unitId={organisation.Scope.Id}");
        var lines = new List<RoleLineDto>();
        foreach (var role in await hr.GetOkAsync<List<RoleDto>>("/api/skills/roles"))
        {
            lines.AddRange((await hr.GetOkAsync<RoleCoverageDto>($"/api/skills/roles/{role.Id}/coverage")).Lines);
        }

        foreach (var total in root.Cells.Where(c => c.UnitId == root.Scope.Id && !c.Suppressed))
        {
            var parts = lines.Where(l => l.ToolId == total.ToolId).ToList();
            var left = total.Holders - parts.Where(p => !p.Suppressed).Sum(p => p.Holders);
            Assert.True((left == 0 && parts.All(p => !p.Suppressed)) || Math.Abs(left) >= minimum, $"{left} holders left over against the roles");
        }
    }

    [Fact]
    public async Task Raising_the_minimum_group_size_withholds_every_cell_and_a_lead_sees_only_their_own_units()
    {
        var admin = await AdminAsync();
        var settings = await admin.GetOkAsync<PrivacyDto>("/api/skills/privacy");
        try
        {
            var update = await admin.PutAsJsonAsync("/api/skills/privacy", new { minimumGroupSize = 50, individualProficiencyVisibleToLeads = false, settings.Version });
            await update.AssertStatusAsync(HttpStatusCode.NoContent);
            var heatmap = await (await HumanResourcesAsync()).GetOkAsync<HeatmapDto>("/api/skills/heatmap");
            Assert.NotEmpty(heatmap.Cells);
            Assert.All(heatmap.Cells, c => Assert.True(c.Suppressed));
            await (await admin.PutAsJsonAsync("/api/skills/privacy", new { minimumGroupSize = 2, individualProficiencyVisibleToLeads = false, version = settings.Version + 1 }))
                .AssertProblemAsync(HttpStatusCode.BadRequest);
        }
        finally
        {
            var current = await admin.GetOkAsync<PrivacyDto>("/api/skills/privacy");
            (await admin.PutAsJsonAsync("/api/skills/privacy", new { minimumGroupSize = 5, individualProficiencyVisibleToLeads = false, current.Version })).EnsureSuccessStatusCode();
        }

        var lead = await TeamLeadAsync();
        var own = await lead.GetOkAsync<HeatmapDto>("/api/skills/heatmap");
        Assert.Equal("Pflegeteam Nord", own.Scope.Name);
        var other = await admin.UnitIdAsync("Pflegeteam Süd");
        await (await lead.GetAsync($"/api/skills/heatmap?unitId={other}")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Individual_levels_reach_the_lead_only_when_the_organisation_switches_it_on()
    {
        var admin = await AdminAsync();
        var lead = await TeamLeadAsync();
        var mehmet = await admin.PersonIdAsync("Yılmaz");
        await (await lead.GetAsync($"/api/skills/people/{mehmet}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var settings = await admin.GetOkAsync<PrivacyDto>("/api/skills/privacy");
        try
        {
            (await admin.PutAsJsonAsync("/api/skills/privacy", new { minimumGroupSize = 5, individualProficiencyVisibleToLeads = true, settings.Version })).EnsureSuccessStatusCode();
            var skills = await lead.GetOkAsync<PersonSkillsDto>($"/api/skills/people/{mehmet}");
            var messenger = skills.Lines.Single(l => l.ToolName == "Dienst-Messenger");
            var confirm = await lead.PutAsJsonAsync($"/api/skills/people/{mehmet}/levels/{messenger.ToolId}", new { level = 2, messenger.Version });
            await confirm.AssertStatusAsync(HttpStatusCode.NoContent);
            var confirmed = (await (await MemberAsync()).GetOkAsync<PersonSkillsDto>("/api/skills/me")).Lines.Single(l => l.ToolId == messenger.ToolId);
            Assert.True(confirmed.ConfirmedByLead);
            Assert.Equal("Lead", confirmed.Source);

            // Someone outside the lead's units stays out of reach even then.
            var elsewhere = await admin.PersonIdAsync("Demir");
            await (await lead.GetAsync($"/api/skills/people/{elsewhere}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        }
        finally
        {
            var current = await admin.GetOkAsync<PrivacyDto>("/api/skills/privacy");
            (await admin.PutAsJsonAsync("/api/skills/privacy", new { minimumGroupSize = 5, individualProficiencyVisibleToLeads = false, current.Version })).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task A_completed_learning_step_raises_the_level_once_and_never_lowers_it()
    {
        var member = await MemberAsync();
        var mehmet = await (await AdminAsync()).PersonIdAsync("Yılmaz");
        var line = (await member.GetOkAsync<PersonSkillsDto>("/api/skills/me")).Lines.Single(l => l.ToolName == "Diensttablet");
        var completed = new LearningStepCompletedIntegrationEvent(Guid.NewGuid(), DateTimeOffset.UtcNow, mehmet, Guid.NewGuid(), Guid.NewGuid(), line.ToolId, 4);

        await PublishAsync(completed);
        await PublishAsync(completed); // redelivery
        await PublishAsync(completed with { EventId = Guid.NewGuid(), Level = 1 });

        var skills = await member.GetOkAsync<PersonSkillsDto>("/api/skills/me");
        Assert.Equal(4, skills.Lines.Single(l => l.ToolId == line.ToolId).CurrentLevel);
        Assert.Single(skills.History, h => h.ToolName == "Diensttablet" && h.Source == "Learning");
    }

    private async Task PublishAsync(LearningStepCompletedIntegrationEvent e)
    {
        using var scope = Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(e);
    }

    private sealed record RoleDto(Guid Id, string Name, int Holders, int Requirements, int Version);

    private sealed record ToolDto(Guid Id, string Name, string Category, int Version);

    private sealed record ToolPage(List<ToolDto> Items, int TotalCount);

    private sealed record CellDto(Guid RoleId, Guid ToolId, int Level, bool Mandatory, string? Rationale);

    private sealed record MatrixDto(int Version, List<CellDto> Cells);

    private sealed record LineDto(Guid ToolId, string ToolName, int RequiredLevel, bool Mandatory, int CurrentLevel, bool ConfirmedByLead, string? Source, int Version, bool IsGap);

    private sealed record HistoryDto(string ToolName, int OldLevel, int NewLevel, string Source, DateTimeOffset At);

    private sealed record PersonSkillsDto(List<string> Roles, List<LineDto> Lines, List<HistoryDto> History);

    private sealed record UnitDto(Guid Id, string Name);

    private sealed record CellCountDto(Guid UnitId, Guid ToolId, int Holders, int Meeting, bool Suppressed);

    private sealed record HeatmapDto(UnitDto Scope, List<UnitDto> Rows, List<CellCountDto> Cells, int MinimumGroupSize);

    private sealed record SelectableDto(UnitDto Scope, List<UnitDto> Selectable, int MinimumGroupSize);

    private sealed record RoleLineDto(Guid ToolId, int Holders, int Meeting, bool Suppressed);

    private sealed record RoleCoverageDto(List<RoleLineDto> Lines);

    private sealed record PrivacyDto(int MinimumGroupSize, bool IndividualProficiencyVisibleToLeads, int Version);

    private sealed record AuditDto(string Actor, string Area, string Subject, string? OldValue, string? NewValue);

    private sealed record AuditPage(List<AuditDto> Items);
}

[Collection(IntegrationCollection.Name)]
public sealed class SkillsApiTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : SkillsApiTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class SkillsApiTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : SkillsApiTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
