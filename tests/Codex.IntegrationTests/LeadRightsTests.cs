using System.Net;
using System.Net.Http.Json;
using Codex.IntegrationTests.Infrastructure;
using Codex.IntegrationTests.TeamCodex;
using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Persistence;
using Codex.Modules.Skills.Contracts;
using Codex.Shared.Outbox;
using Codex.Shared.Persistence;
using Codex.Testing;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkillsUnitMember = Codex.Modules.Skills.Domain.UnitMember;

namespace Codex.IntegrationTests;

/// <summary>
/// Lead rights come from one source, the org chart's lead flag: whoever leads a unit has a lead's rights for it
/// and every unit below it, in Skills, Learning and TeamCodex, from the next request on — and loses them with the
/// flag. The job server is off here, so the modules' own membership copies change only when a test drains the
/// outbox: rights that hold before the drain cannot have come from those copies.
/// </summary>
public abstract class LeadRightsTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    private const string Team = "Pflegeteam Nord";
    private const string SiblingTeam = "Pflegeteam Süd";
    private const string Department = "Ambulante Pflege";

    protected override void ConfigureHost(CodexApplicationFactory factory) => factory.Settings["Jobs:RunServer"] = "false";

    [Fact]
    public async Task HR_flags_the_member_as_lead_and_his_next_request_has_a_leads_rights_in_his_team_until_the_flag_goes()
    {
        var hr = await HumanResourcesAsync();
        var admin = await AdminAsync();
        var member = await MemberAsync();
        var team = await hr.UnitIdAsync(Team);
        var sibling = await hr.UnitIdAsync(SiblingTeam);
        var mehmet = await hr.PersonIdAsync("mehmet.yilmaz");
        var colleague = await hr.PersonIdAsync("Petrenko"); // Olga Petrenko, Pflegeteam Nord
        await admin.CreateCodexAsync(team);
        await SetIndividualLevelsVisibleAsync(admin, true);
        try
        {
            await AssertNoLeadRightsAsync(member, team, colleague);

            await SetLeadAsync(hr, team, mehmet, true);
            Assert.False(await SkillsCopySaysLeadAsync(team, mehmet)); // nothing delivered yet
            await AssertLeadRightsAsync(member, team, sibling, colleague);
            await DrainOutboxAsync();
            Assert.True(await SkillsCopySaysLeadAsync(team, mehmet));
            await AssertLeadRightsAsync(member, team, sibling, colleague);

            await SetLeadAsync(hr, team, mehmet, false);
            await AssertNoLeadRightsAsync(member, team, colleague);
            await DrainOutboxAsync();
            await AssertNoLeadRightsAsync(member, team, colleague);
        }
        finally
        {
            await SetLeadAsync(hr, team, mehmet, false);
            await SetIndividualLevelsVisibleAsync(admin, false);
            await DrainOutboxAsync();
        }
    }

    [Fact]
    public async Task A_department_lead_leads_the_codex_and_signs_off_the_learning_of_a_team_below_it_where_a_sibling_teams_lead_may_not()
    {
        var hr = await HumanResourcesAsync();
        var admin = await AdminAsync();
        var lead = await TeamLeadAsync(); // Sabine Krüger leads Pflegeteam Nord, not Pflegeteam Süd
        var sabine = await hr.PersonIdAsync("sabine.krueger");
        var department = await hr.UnitIdAsync(Department);
        var sibling = await hr.UnitIdAsync(SiblingTeam);
        var learner = await hr.PersonIdAsync("Lukas Weber"); // Pflegeteam Süd, no login: steps are completed in the database
        await admin.CreateCodexAsync(sibling);
        var (enrolmentId, signOffStep) = await EnrolmentAwaitingSignOffAsync(hr, learner);
        var signOffUrl = $"/api/learning/enrolments/{enrolmentId}/steps/{signOffStep}/sign-off";

        // The lead of one team has no lead rights in its sibling.
        await (await lead.GetAsync(SettingsUrl(sibling))).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.DoesNotContain(await lead.GetOkAsync<List<SignOffDto>>("/api/learning/sign-offs"), i => i.EnrolmentId == enrolmentId);
        await (await lead.GetAsync($"/api/learning/enrolments/{enrolmentId}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var version = (await hr.GetOkAsync<EnrolmentDto>($"/api/learning/enrolments/{enrolmentId}")).Version;
        await (await lead.PostAsJsonAsync(signOffUrl, new { version })).AssertProblemAsync(HttpStatusCode.Forbidden);

        try
        {
            await (await hr.PutAsync($"/api/org/units/{department}/members/{sabine}", null)).AssertStatusAsync(HttpStatusCode.NoContent);
            await SetLeadAsync(hr, department, sabine, true);

            // Leading the department: the team below it is hers to lead, from this request on (nothing delivered).
            var settings = await lead.GetAsync(SettingsUrl(sibling));
            await settings.AssertStatusAsync(HttpStatusCode.OK);
            var item = Assert.Single(await lead.GetOkAsync<List<SignOffDto>>("/api/learning/sign-offs"), i => i.EnrolmentId == enrolmentId);
            Assert.Equal(signOffStep, item.StepId);
            await (await lead.PostAsJsonAsync(signOffUrl, new { version = item.Version })).AssertStatusAsync(HttpStatusCode.NoContent);
            var enrolment = await lead.GetOkAsync<EnrolmentDto>($"/api/learning/enrolments/{enrolmentId}");
            Assert.Equal("Completed", enrolment.Status);

            // Only downwards: the organisation above the department stays out of her reach.
            var organisation = await hr.UnitIdAsync(CodexApi.DemoOrganisation);
            await (await lead.GetAsync(SettingsUrl(organisation))).AssertProblemAsync(HttpStatusCode.Forbidden);
        }
        finally
        {
            await (await hr.DeleteAsync($"/api/org/units/{department}/members/{sabine}")).AssertStatusAsync(HttpStatusCode.NoContent);
            await DrainOutboxAsync();
        }

        await (await lead.GetAsync(SettingsUrl(sibling))).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_demo_lead_leads_by_the_org_chart_alone_and_keeps_her_abilities()
    {
        var lead = await TeamLeadAsync();
        var team = await (await HumanResourcesAsync()).UnitIdAsync(Team);

        var heatmap = await lead.GetOkAsync<HeatmapDto>("/api/skills/heatmap");
        Assert.Equal(team, heatmap.Scope.Id);
        var page = await lead.GetStringAsync("/me/skills");
        Assert.Contains("href=\"/skills/gaps\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/skills/team\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/learning/sign-offs\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync("/skills/gaps")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync("/skills/team")).StatusCode);
    }

    private static string SettingsUrl(Guid unitId) => $"/api/codex/units/{unitId}/settings";

    private static async Task AssertLeadRightsAsync(HttpClient client, Guid team, Guid sibling, Guid colleague)
    {
        var heatmap = await client.GetOkAsync<HeatmapDto>("/api/skills/heatmap");
        Assert.Equal(team, heatmap.Scope.Id);
        Assert.Equal([team], heatmap.Selectable.Select(u => u.Id));
        await (await client.GetAsync($"/api/skills/heatmap?unitId={sibling}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var skills = await client.GetOkAsync<PersonSkillsDto>($"/api/skills/people/{colleague}");
        Assert.Equal(colleague, skills.PersonId);
        await (await client.GetAsync(SettingsUrl(team))).AssertStatusAsync(HttpStatusCode.OK);
        await (await client.GetAsync(SettingsUrl(sibling))).AssertProblemAsync(HttpStatusCode.Forbidden);

        var gaps = await client.GetAsync("/skills/gaps");
        Assert.Equal(HttpStatusCode.OK, gaps.StatusCode);
        var navigation = await gaps.Content.ReadAsStringAsync();
        Assert.Contains("href=\"/skills/gaps\"", navigation, StringComparison.Ordinal);
        Assert.Contains("href=\"/learning/sign-offs\"", navigation, StringComparison.Ordinal);
        var teamPage = await client.GetAsync($"/skills/team?personId={colleague}");
        Assert.Equal(HttpStatusCode.OK, teamPage.StatusCode);
        Assert.Contains("id=\"person-heading\"", await teamPage.Content.ReadAsStringAsync(), StringComparison.Ordinal); // the colleague's levels
    }

    private static async Task AssertNoLeadRightsAsync(HttpClient client, Guid team, Guid colleague)
    {
        await (await client.GetAsync("/api/skills/heatmap")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync($"/api/skills/heatmap?unitId={team}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync($"/api/skills/people/{colleague}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await client.GetAsync(SettingsUrl(team))).AssertProblemAsync(HttpStatusCode.Forbidden);
        AssertAccessDenied(await client.GetAsync("/skills/gaps"));
        AssertAccessDenied(await client.GetAsync($"/skills/team?personId={colleague}"));
        var page = await client.GetStringAsync("/me/skills");
        Assert.DoesNotContain("href=\"/skills/gaps\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/learning/sign-offs\"", page, StringComparison.Ordinal);
    }

    private static void AssertAccessDenied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    private static async Task SetLeadAsync(HttpClient hr, Guid unitId, Guid personId, bool isLead) =>
        await (await hr.PutAsJsonAsync($"/api/org/units/{unitId}/members/{personId}/lead", new { isLead })).AssertStatusAsync(HttpStatusCode.NoContent);

    private static async Task SetIndividualLevelsVisibleAsync(HttpClient admin, bool visible)
    {
        var current = await admin.GetOkAsync<PrivacyDto>("/api/skills/privacy");
        (await admin.PutAsJsonAsync("/api/skills/privacy", new { current.MinimumGroupSize, individualProficiencyVisibleToLeads = visible, current.Version })).EnsureSuccessStatusCode();
    }

    private Task<bool> SkillsCopySaysLeadAsync(Guid unitId, Guid personId) =>
        Factory.WithModuleDbAsync("Skills", db => db.Set<SkillsUnitMember>().AnyAsync(m => m.UnitId == unitId && m.PersonId == personId && m.IsLead));

    /// <summary>
    /// A new role with a new path (a reading step, then a practice step that needs a sign-off) held by the learner,
    /// delivered to Learning, and both steps completed: the practice step waits for a lead.
    /// </summary>
    private async Task<(Guid EnrolmentId, Guid SignOffStep)> EnrolmentAwaitingSignOffAsync(HttpClient hr, Guid learner)
    {
        var tool = (await SendAsync(new GetToolCatalogueQuery())).First().ToolId;
        var role = await hr.PostAsJsonAsync("/api/skills/roles", new { name = $"Leitungstest {Guid.NewGuid():N}"[..22], description = "für Tests" });
        await role.AssertStatusAsync(HttpStatusCode.Created);
        var roleId = (await role.Content.ReadFromJsonAsync<IdDto>(CodexApi.Json))!.Id;

        var created = await hr.PostAsJsonAsync("/api/learning/paths", new { title = $"Leitungspfad {Guid.NewGuid():N}"[..22], description = "Test" });
        await created.AssertStatusAsync(HttpStatusCode.Created);
        var pathId = (await created.Content.ReadFromJsonAsync<IdDto>(CodexApi.Json))!.Id;
        var version = (await hr.GetOkAsync<PathDto>($"/api/learning/paths/{pathId}")).Version;
        await (await hr.PostAsJsonAsync($"/api/learning/paths/{pathId}/steps", new { title = "Merkblatt lesen", kind = "Reading", effortMinutes = 15, version }))
            .AssertStatusAsync(HttpStatusCode.OK);
        await (await hr.PostAsJsonAsync($"/api/learning/paths/{pathId}/steps", new
            {
                title = "Praxisaufgabe", kind = "PracticeTask", effortMinutes = 30, requiresSignOff = true, targetToolId = tool, targetLevel = 3, version = version + 1,
            }))
            .AssertStatusAsync(HttpStatusCode.OK);
        await (await hr.PostAsJsonAsync($"/api/learning/paths/{pathId}/assignments", new { roleId, dueOffsetDays = 30 })).AssertStatusAsync(HttpStatusCode.OK);
        await (await hr.PutAsync($"/api/skills/people/{learner}/roles/{roleId}", null)).AssertStatusAsync(HttpStatusCode.NoContent);
        await DrainOutboxAsync(); // RoleAssigned reaches Learning, which enrols the learner

        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        var enrolment = await db.Enrolments.Include(e => e.Steps).SingleAsync(e => e.PathId == pathId && e.PersonId == learner);
        var path = await db.Paths.Include(p => p.Steps).SingleAsync(p => p.Id == pathId);
        var rules = path.OrderedSteps.Select(s => new StepRule(s.Id, s.Position, s.RequiresSignOff, s.TargetToolId, s.TargetLevel)).ToList();
        foreach (var step in rules)
        {
            enrolment.Complete(step, rules, path.AnyOrder, "erledigt", learner, actorMaySignOff: false, DateTimeOffset.UtcNow);
        }

        await db.SaveChangesAsync();
        return (enrolment.Id, rules[^1].StepId);
    }

    private Task DrainOutboxAsync() => SendAsync(new DispatchOutboxCommand());

    private async Task<T> SendAsync<T>(IRequest<T> request)
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    private sealed record IdDto(Guid Id);

    private sealed record PathDto(Guid Id, int Version);

    private sealed record EnrolmentDto(Guid Id, string Status, int Version);

    private sealed record SignOffDto(Guid EnrolmentId, Guid StepId, int Version);

    private sealed record PrivacyDto(int MinimumGroupSize, bool IndividualProficiencyVisibleToLeads, int Version);

    private sealed record PersonSkillsDto(Guid PersonId);

    private sealed record UnitDto(Guid Id, string Name);

    private sealed record HeatmapDto(UnitDto Scope, List<UnitDto> Selectable);
}

[Collection(IntegrationCollection.Name)]
public sealed class LeadRightsTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : LeadRightsTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class LeadRightsTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : LeadRightsTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
