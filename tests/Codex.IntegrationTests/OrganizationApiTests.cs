using System.Net;
using System.Net.Http.Json;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;
using Codex.Testing;

namespace Codex.IntegrationTests;

/// <summary>The Organization module's JSON API: the tree, people, rules, roles and optimistic concurrency.</summary>
public abstract class OrganizationApiTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..8]}";

    [Fact]
    public async Task An_admin_creates_a_department_under_the_organisation_and_a_team_under_the_department()
    {
        var admin = await AdminAsync();
        var organisation = await admin.UnitIdAsync(CodexApi.DemoOrganisation);
        var departmentName = Unique("Offene Ganztagsschule");

        var created = await admin.PostAsJsonAsync("/api/org/units", new { name = departmentName, kind = "Department", parentId = organisation });

        await created.AssertStatusAsync(HttpStatusCode.Created);
        var location = created.Headers.Location!.ToString();
        Assert.Matches("^/api/org/units/[0-9a-f-]{36}$", location);
        var department = await admin.GetOkAsync<UnitDetails>(location);
        Assert.Equal((departmentName, "Department", organisation), (department.Name, department.Kind, department.ParentId));

        var team = await admin.UnitAsync(await admin.CreateUnitAsync(Unique("Team Grundschule Süd"), "Team", department.Id));
        Assert.Equal(("Team", department.Id), (team.Kind, team.ParentId));
        var tree = await admin.TreeAsync();
        Assert.Equal(2, tree.Single(u => u.Id == team.Id).Depth);
    }

    [Fact]
    public async Task Human_resources_may_create_org_units_too()
    {
        var hr = await HumanResourcesAsync();
        var organisation = await hr.UnitIdAsync(CodexApi.DemoOrganisation);

        var id = await hr.CreateUnitAsync(Unique("Personalentwicklung"), "Department", organisation);

        Assert.Equal(organisation, (await hr.UnitAsync(id)).ParentId);
    }

    [Theory]
    [InlineData("Team", "organisation")]
    [InlineData("Team", "team")]
    [InlineData("Team", "none")]
    [InlineData("Department", "department")]
    [InlineData("Department", "none")]
    [InlineData("Organisation", "organisation")]
    public async Task A_unit_under_the_wrong_kind_of_parent_is_refused_with_400_problem_details(string kind, string parent)
    {
        var admin = await AdminAsync();
        var tree = await admin.TreeAsync();
        Guid? parentId = parent switch
        {
            "organisation" => tree.Single(u => u.Name == CodexApi.DemoOrganisation).Id,
            "department" => tree.Single(u => u.Name == "Beratungsdienste").Id,
            "team" => tree.Single(u => u.Name == "Schuldnerberatung").Id,
            _ => null,
        };
        var name = Unique("Falsch eingehängt");

        var response = await admin.PostAsJsonAsync("/api/org/units", new { name, kind, parentId });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.DoesNotContain(await admin.TreeAsync(), u => u.Name == name);
    }

    [Fact]
    public async Task A_unit_under_a_parent_that_does_not_exist_is_404()
    {
        var response = await (await AdminAsync()).PostAsJsonAsync(
            "/api/org/units", new { name = Unique("Ohne Eltern"), kind = "Team", parentId = Guid.NewGuid() });

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Renaming_with_the_current_version_succeeds_and_with_a_stale_version_is_a_409_conflict()
    {
        var admin = await AdminAsync();
        var id = await admin.CreateUnitAsync(Unique("Vor der Umbenennung"), "Department", await admin.UnitIdAsync(CodexApi.DemoOrganisation));
        var seen = await admin.UnitAsync(id);
        var first = Unique("Erste Umbenennung");

        var renamed = await admin.PutAsJsonAsync($"/api/org/units/{id}/name", new { name = first, version = seen.Version });
        await renamed.AssertStatusAsync(HttpStatusCode.NoContent);
        var afterRename = await admin.UnitAsync(id);
        Assert.Equal(first, afterRename.Name);
        Assert.True(afterRename.Version > seen.Version);

        var stale = await admin.PutAsJsonAsync($"/api/org/units/{id}/name", new { name = Unique("Zu spät"), version = seen.Version });

        await stale.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(first, (await admin.UnitAsync(id)).Name);
    }

    [Fact]
    public async Task Of_ten_simultaneous_renames_based_on_the_same_version_exactly_one_wins()
    {
        var admin = await AdminAsync();
        var id = await admin.CreateUnitAsync(Unique("Umkämpft"), "Department", await admin.UnitIdAsync(CodexApi.DemoOrganisation));
        var version = (await admin.UnitAsync(id)).Version;
        var names = Enumerable.Range(1, 10).Select(i => Unique($"Name {i}")).ToList();

        using var start = new SemaphoreSlim(0, names.Count);
        var renames = names.Select(async name =>
        {
            await start.WaitAsync();
            var response = await admin.PutAsJsonAsync($"/api/org/units/{id}/name", new { name, version });
            return (Name: name, Response: response);
        }).ToList();
        start.Release(names.Count);
        var results = await Task.WhenAll(renames);

        var statuses = results.Select(r => r.Response.StatusCode).ToList();
        Assert.True(statuses.All(s => s is HttpStatusCode.NoContent or HttpStatusCode.Conflict),
            "Unexpected statuses: " + string.Join(", ", statuses.Select(s => (int)s)));
        var winner = Assert.Single(results, r => r.Response.StatusCode == HttpStatusCode.NoContent);
        Assert.Equal(9, statuses.Count(s => s == HttpStatusCode.Conflict));
        var unit = await admin.UnitAsync(id);
        Assert.Equal(winner.Name, unit.Name);
        Assert.Equal(version + 1, unit.Version);
    }

    [Fact]
    public async Task A_team_moves_to_another_department_but_not_under_the_organisation()
    {
        var admin = await AdminAsync();
        var organisation = await admin.UnitIdAsync(CodexApi.DemoOrganisation);
        var from = await admin.CreateUnitAsync(Unique("Alte Abteilung"), "Department", organisation);
        var to = await admin.CreateUnitAsync(Unique("Neue Abteilung"), "Department", organisation);
        var team = await admin.CreateUnitAsync(Unique("Wanderteam"), "Team", from);

        var wrong = await admin.PutAsJsonAsync($"/api/org/units/{team}/parent", new { newParentId = organisation, version = (await admin.UnitAsync(team)).Version });
        await wrong.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(from, (await admin.UnitAsync(team)).ParentId);

        var moved = await admin.PutAsJsonAsync($"/api/org/units/{team}/parent", new { newParentId = to, version = (await admin.UnitAsync(team)).Version });

        await moved.AssertStatusAsync(HttpStatusCode.NoContent);
        Assert.Equal(to, (await admin.UnitAsync(team)).ParentId);
        var tree = await admin.TreeAsync();
        Assert.Equal(to, tree.Single(u => u.Id == team).ParentId);
    }

    [Fact]
    public async Task People_are_listed_page_by_page_with_the_total_count()
    {
        var admin = await AdminAsync();
        var department = await admin.UnitIdAsync("Ambulante Pflege"); // 7 + 6 people in its two teams

        var first = await admin.PeopleAsync($"unitId={department}&pageSize=5&page=1");
        var second = await admin.PeopleAsync($"unitId={department}&pageSize=5&page=2");
        var third = await admin.PeopleAsync($"unitId={department}&pageSize=5&page=3");
        var beyond = await admin.PeopleAsync($"unitId={department}&pageSize=5&page=4");

        Assert.Equal([5, 5, 3, 0], new[] { first, second, third, beyond }.Select(p => p.Items.Count));
        Assert.All(new[] { first, second, third, beyond }, p => Assert.Equal((13, 5), (p.TotalCount, p.PageSize)));
        Assert.Equal(3, third.Page);
        var all = first.Items.Concat(second.Items).Concat(third.Items).ToList();
        Assert.Equal(13, all.Select(p => p.Id).Distinct().Count());
        Assert.Equal(all.OrderBy(p => p.LastName, StringComparer.Ordinal).Select(p => p.LastName), all.Select(p => p.LastName));
    }

    [Fact]
    public async Task The_people_filter_by_unit_includes_the_units_below_it()
    {
        var admin = await AdminAsync();
        var tree = await admin.TreeAsync();

        var team = await admin.PeopleAsync($"unitId={tree.Single(u => u.Name == "Pflegeteam Nord").Id}&pageSize=50");
        var department = await admin.PeopleAsync($"unitId={tree.Single(u => u.Name == "Ambulante Pflege").Id}&pageSize=50");
        var otherDepartment = await admin.PeopleAsync($"unitId={tree.Single(u => u.Name == "Beratungsdienste").Id}&pageSize=50");

        Assert.Equal(7, team.TotalCount);
        Assert.Contains(team.Items, p => p.LastName == "Krüger");
        Assert.Equal(13, department.TotalCount);
        Assert.Superset(team.Items.Select(p => p.Id).ToHashSet(), department.Items.Select(p => p.Id).ToHashSet());
        Assert.Equal(11, otherDepartment.TotalCount);
        Assert.DoesNotContain(otherDepartment.Items, p => p.LastName == "Krüger");
    }

    [Fact]
    public async Task People_are_found_by_part_of_their_name_regardless_of_case()
    {
        var admin = await AdminAsync();

        var byLastName = await admin.PeopleAsync("search=SCHMIDT");
        var byFullName = await admin.PeopleAsync("search=" + Uri.EscapeDataString("anna schm"));

        var anna = Assert.Single(byLastName.Items);
        Assert.Equal(("Anna", "Schmidt", 1), (anna.FirstName, anna.LastName, byLastName.TotalCount));
        Assert.Equal(anna.Id, Assert.Single(byFullName.Items).Id);
        Assert.Empty((await admin.PeopleAsync("search=niemand-heisst-so")).Items);
    }

    [Fact]
    public async Task A_members_search_does_not_match_the_email_addresses_hidden_from_them()
    {
        var asAdmin = await (await AdminAsync()).PeopleAsync("search=" + Uri.EscapeDataString("anna.schmidt@"));
        var asMember = await (await MemberAsync()).PeopleAsync("search=" + Uri.EscapeDataString("anna.schmidt@"));
        var everyoneAsMember = await (await MemberAsync()).PeopleAsync("search=%40");

        Assert.Equal("Schmidt", Assert.Single(asAdmin.Items).LastName);
        Assert.Equal(0, asMember.TotalCount);
        Assert.Equal(0, everyoneAsMember.TotalCount);
        Assert.Equal(1, (await (await MemberAsync()).PeopleAsync("search=" + Uri.EscapeDataString("anna schmidt"))).TotalCount);
    }

    [Fact]
    public async Task Admin_and_hr_see_email_addresses_in_the_people_list_but_a_member_does_not()
    {
        var asAdmin = await (await AdminAsync()).PeopleAsync("pageSize=100");
        var asHr = await (await HumanResourcesAsync()).PeopleAsync("pageSize=100");
        var asMember = await (await MemberAsync()).PeopleAsync("pageSize=100");

        Assert.True(asMember.TotalCount >= 39);
        Assert.Equal(asAdmin.TotalCount, asMember.TotalCount);
        Assert.All(asAdmin.Items, p => Assert.Contains("@", p.Email, StringComparison.Ordinal));
        Assert.All(asHr.Items, p => Assert.Contains("@", p.Email, StringComparison.Ordinal));
        Assert.All(asMember.Items, p => Assert.Null(p.Email));
    }

    [Fact]
    public async Task A_member_may_read_their_own_person_but_gets_403_for_someone_else()
    {
        var admin = await AdminAsync();
        var self = await admin.PersonIdAsync("Mehmet");
        var someoneElse = await admin.PersonIdAsync("Anna Schmidt");
        var member = await MemberAsync();

        var own = await member.GetAsync($"/api/org/people/{self}");
        var other = await member.GetAsync($"/api/org/people/{someoneElse}");

        await own.AssertStatusAsync(HttpStatusCode.OK);
        await other.AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await admin.GetAsync($"/api/org/people/{someoneElse}")).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_created_person_can_be_read_back()
    {
        var hr = await HumanResourcesAsync();
        var email = $"{Guid.NewGuid():N}@codex-tests.example";

        var response = await hr.PostAsJsonAsync("/api/org/people", new { firstName = "Greta", lastName = "Neuzugang", email, preferredLanguage = "en" });

        await response.AssertStatusAsync(HttpStatusCode.Created);
        var person = await hr.GetOkAsync<PersonDetailsDto>(response.Headers.Location!.ToString());
        Assert.Equal(("Greta", "Neuzugang", email, "en", true), (person.FirstName, person.LastName, person.Email, person.PreferredLanguage, person.IsActive));
    }

    [Fact]
    public async Task A_person_with_empty_names_and_an_invalid_email_gets_a_validation_problem_per_field()
    {
        var response = await (await AdminAsync()).PostAsJsonAsync(
            "/api/org/people", new { firstName = "", lastName = " ", email = "keine-adresse", preferredLanguage = "de" });

        var fields = await response.AssertValidationProblemAsync();

        Assert.Equal(["email", "firstName", "lastName"], fields);
    }

    [Fact]
    public async Task A_person_with_an_unsupported_language_gets_a_validation_problem()
    {
        var response = await (await AdminAsync()).PostAsJsonAsync(
            "/api/org/people", new { firstName = "Paul", lastName = "Sprache", email = $"{Guid.NewGuid():N}@codex-tests.example", preferredLanguage = "fr" });

        Assert.Equal(["preferredLanguage"], await response.AssertValidationProblemAsync());
    }

    [Fact]
    public async Task A_second_person_with_the_same_email_in_other_case_is_refused()
    {
        var admin = await AdminAsync();
        var email = $"doppelt.{Guid.NewGuid():N}@codex-tests.example";
        await admin.CreatePersonAsync("Erste", "Person", email);

        var response = await admin.PostAsJsonAsync(
            "/api/org/people", new { firstName = "Zweite", lastName = "Person", email = email.ToUpperInvariant(), preferredLanguage = "de" });

        Assert.Equal(["email"], await response.AssertValidationProblemAsync());
        Assert.Equal(1, (await admin.PeopleAsync("search=" + Uri.EscapeDataString(email))).TotalCount);
    }

    [Fact]
    public async Task Five_simultaneous_creations_of_the_same_email_create_one_person_and_never_fail()
    {
        var admin = await AdminAsync();
        var email = $"gleichzeitig.{Guid.NewGuid():N}@codex-tests.example";

        using var start = new SemaphoreSlim(0, 5);
        var creations = Enumerable.Range(1, 5).Select(async i =>
        {
            await start.WaitAsync();
            return await admin.PostAsJsonAsync("/api/org/people", new { firstName = $"Person{i}", lastName = "Gleichzeitig", email, preferredLanguage = "de" });
        }).ToList();
        start.Release(5);
        var statuses = (await Task.WhenAll(creations)).Select(r => r.StatusCode).ToList();

        // The validator sees an address taken by a committed person (400); one created at the same moment is a conflict (409).
        Assert.True(statuses.All(s => s is HttpStatusCode.Created or HttpStatusCode.BadRequest or HttpStatusCode.Conflict),
            "Unexpected statuses: " + string.Join(", ", statuses.Select(s => (int)s)));
        Assert.Single(statuses, s => s == HttpStatusCode.Created);
        Assert.Equal(1, (await admin.PeopleAsync("search=" + Uri.EscapeDataString(email))).TotalCount);
    }

    [Fact]
    public async Task A_member_cannot_create_people()
    {
        var response = await (await MemberAsync()).PostAsJsonAsync(
            "/api/org/people", new { firstName = "Heimlich", lastName = "Angelegt", email = $"{Guid.NewGuid():N}@codex-tests.example", preferredLanguage = "de" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, (await (await AdminAsync()).PeopleAsync("search=Heimlich")).TotalCount);
    }

    [Fact]
    public async Task A_member_posting_an_invalid_or_duplicate_person_gets_403_and_learns_nothing_about_the_data()
    {
        var member = await MemberAsync();
        var invalid = await member.PostAsJsonAsync("/api/org/people", new { firstName = "", lastName = "", email = "keine-adresse", preferredLanguage = "xx" });
        var duplicate = await member.PostAsJsonAsync(
            "/api/org/people", new { firstName = "Doppel", lastName = "Gänger", email = DemoLogins.Admin, preferredLanguage = "de" });

        // Authorisation runs before validation: no field errors, no "email already taken".
        foreach (var response in new[] { invalid, duplicate })
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
            Assert.False(problem.TryGetProperty("errors", out _));
        }
    }

    private sealed record PersonDetailsDto(Guid Id, string FirstName, string LastName, string Email, string PreferredLanguage, bool IsActive, int Version);
}

[Collection(IntegrationCollection.Name)]
public sealed class OrganizationApiTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : OrganizationApiTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class OrganizationApiTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : OrganizationApiTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
