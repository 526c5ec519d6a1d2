using System.Net;
using System.Net.Http.Json;
using System.Text;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;

namespace Codex.IntegrationTests.Organization;

/// <summary>
/// Memberships without false conflicts (issue 13, item 4): adding, removing or changing the lead flag of
/// one membership touches only that membership, so HR and an import adding different people to one team
/// at the same moment never get in each other's way. The same person added twice stays one membership
/// and the later request gets a clear 409, also when both arrive at once.
/// </summary>
public abstract class ConcurrentMembershipTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    [Fact]
    public async Task Twenty_different_people_added_to_one_team_at_the_same_moment_all_become_members()
    {
        var (admin, team) = await NewTeamAsync();
        var people = await NewPeopleAsync(admin, 20);

        var answers = await Task.WhenAll(people.Select(person => admin.PutAsync($"/api/org/units/{team}/members/{person}", null)));

        foreach (var answer in answers)
        {
            await answer.AssertStatusAsync(HttpStatusCode.NoContent);
        }

        var unit = await admin.UnitAsync(team);
        Assert.Equal(people.Order(), unit.Members.Select(m => m.PersonId).Order());
        Assert.Equal(20, (await admin.TreeAsync()).Single(u => u.Id == team).MemberCount);
    }

    [Fact]
    public async Task The_same_person_added_by_five_requests_at_once_is_one_membership_and_the_other_four_get_a_clear_conflict()
    {
        var (admin, team) = await NewTeamAsync();
        var person = (await NewPeopleAsync(admin, 1))[0];

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => admin.PutAsync($"/api/org/units/{team}/members/{person}", null)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.NoContent);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.NoContent))
        {
            var problem = await refused.AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal("Die Person ist bereits Mitglied dieser Einheit.", problem.GetProperty("detail").GetString());
        }

        Assert.Single((await admin.UnitAsync(team)).Members, m => m.PersonId == person);
    }

    [Fact]
    public async Task Adding_a_member_a_second_time_later_is_the_same_clear_conflict_and_changes_nothing()
    {
        var (admin, team) = await NewTeamAsync();
        var person = (await NewPeopleAsync(admin, 1))[0];
        await (await admin.PutAsync($"/api/org/units/{team}/members/{person}", null)).AssertStatusAsync(HttpStatusCode.NoContent);
        await (await admin.PutAsJsonAsync($"/api/org/units/{team}/members/{person}/lead", new { isLead = true })).AssertStatusAsync(HttpStatusCode.NoContent);

        var again = await admin.PutAsync($"/api/org/units/{team}/members/{person}", null);

        var problem = await again.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Die Person ist bereits Mitglied dieser Einheit.", problem.GetProperty("detail").GetString());
        Assert.True(Assert.Single((await admin.UnitAsync(team)).Members).IsLead);
    }

    [Fact]
    public async Task Removing_one_member_and_making_another_lead_while_ten_others_are_added_conflicts_with_nothing()
    {
        var (admin, team) = await NewTeamAsync();
        var (leaving, lead, stayingLead) = (await NewPeopleAsync(admin, 3)) switch { var p => (p[0], p[1], p[2]) };
        foreach (var person in new[] { leaving, lead, stayingLead })
        {
            await (await admin.PutAsync($"/api/org/units/{team}/members/{person}", null)).AssertStatusAsync(HttpStatusCode.NoContent);
        }

        await (await admin.PutAsJsonAsync($"/api/org/units/{team}/members/{stayingLead}/lead", new { isLead = true })).AssertStatusAsync(HttpStatusCode.NoContent);
        var newcomers = await NewPeopleAsync(admin, 10);

        var changes = newcomers.Select(person => admin.PutAsync($"/api/org/units/{team}/members/{person}", null))
            .Append(admin.DeleteAsync($"/api/org/units/{team}/members/{leaving}"))
            .Append(admin.PutAsJsonAsync($"/api/org/units/{team}/members/{lead}/lead", new { isLead = true }))
            .Append(admin.PutAsJsonAsync($"/api/org/units/{team}/members/{stayingLead}/lead", new { isLead = false }))
            .ToList();
        var answers = await Task.WhenAll(changes);

        foreach (var answer in answers)
        {
            await answer.AssertStatusAsync(HttpStatusCode.NoContent);
        }

        var members = (await admin.UnitAsync(team)).Members;
        Assert.Equal(newcomers.Append(lead).Append(stayingLead).Order(), members.Select(m => m.PersonId).Order());
        Assert.Equal([lead], members.Where(m => m.IsLead).Select(m => m.PersonId));
    }

    [Fact]
    public async Task Renaming_a_team_while_people_are_added_to_it_conflicts_with_nothing_and_still_checks_the_teams_version()
    {
        var (admin, team) = await NewTeamAsync();
        var version = (await admin.UnitAsync(team)).Version;
        var people = await NewPeopleAsync(admin, 5);

        var answers = await Task.WhenAll(people.Select(person => admin.PutAsync($"/api/org/units/{team}/members/{person}", null))
            .Append(admin.PutAsJsonAsync($"/api/org/units/{team}/name", new { id = team, name = "Umbenannt " + team.ToString("N")[..6], version })));

        foreach (var answer in answers)
        {
            await answer.AssertStatusAsync(HttpStatusCode.NoContent);
        }

        Assert.Equal(5, (await admin.UnitAsync(team)).Members.Count);
        var stale = await admin.PutAsJsonAsync($"/api/org/units/{team}/name", new { id = team, name = "Noch einmal", version });
        await stale.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Four_imports_and_ten_single_adds_into_one_team_at_the_same_moment_all_succeed()
    {
        var (admin, team) = await NewTeamAsync();
        var hr = await HumanResourcesAsync();
        var teamPath = await PathOfAsync(admin, team);
        var t = team.ToString("N")[..8];
        var files = Enumerable.Range(0, 4).Select(f => Encoding.UTF8.GetBytes(
            "Personalnummer;Vorname;Nachname;E-Mail;Einheit\r\n" + string.Join("\r\n", Enumerable.Range(0, 50).Select(i =>
                $"P{f}{i:00}-{t};Imp{i};Datei {f} {t};p{f}-{i}-{t}@codex-tests.example;{teamPath}")))).ToList();
        var singles = await NewPeopleAsync(admin, 10);

        var imports = files.Select(file => ImportAsync(hr, file)).ToList();
        var adds = singles.Select(person => admin.PutAsync($"/api/org/units/{team}/members/{person}", null)).ToList();
        await Task.WhenAll(imports.Concat(adds));

        foreach (var answer in imports.Concat(adds).Select(a => a.Result))
        {
            await answer.AssertStatusAsync(answer.RequestMessage!.Method == HttpMethod.Post ? HttpStatusCode.OK : HttpStatusCode.NoContent);
        }

        var members = (await admin.UnitAsync(team)).Members;
        Assert.Equal(210, members.Count);
        Assert.Equal(210, members.Select(m => m.PersonId).Distinct().Count());
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient hr, byte[] file)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(file), "file", "personen.csv");
        form.Add(new StringContent("AddNewOnly"), "mode");
        return await hr.PostAsync("/api/people/import", form);
    }

    /// <summary>The unit's path as an import file names it: "Abteilung/Team" below the organisation.</summary>
    private static async Task<string> PathOfAsync(HttpClient admin, Guid unitId)
    {
        var tree = (await admin.TreeAsync()).ToDictionary(u => u.Id);
        var names = new List<string>();
        for (var unit = tree[unitId]; unit.ParentId is { } parent; unit = tree[parent])
        {
            names.Insert(0, unit.Name);
        }

        return string.Join("/", names);
    }

    private async Task<(HttpClient Admin, Guid Team)> NewTeamAsync()
    {
        var admin = await AdminAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var department = await admin.CreateUnitAsync("Abteilung " + suffix, "Department", await admin.UnitIdAsync(CodexApi.DemoOrganisation));
        return (admin, await admin.CreateUnitAsync("Team " + suffix, "Team", department));
    }

    private static async Task<List<Guid>> NewPeopleAsync(HttpClient admin, int count)
    {
        var people = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            people.Add(await admin.CreatePersonAsync("Neu", $"Mitglied {i} {Guid.NewGuid():N}"[..20]));
        }

        return people;
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class ConcurrentMembershipTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : ConcurrentMembershipTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class ConcurrentMembershipTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : ConcurrentMembershipTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
