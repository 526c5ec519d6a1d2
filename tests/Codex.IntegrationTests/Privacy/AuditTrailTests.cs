using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Codex.Host.Audit;
using Codex.Host.Identity;
using Codex.IntegrationTests.Home;
using Codex.IntegrationTests.Infrastructure;
using Codex.IntegrationTests.TeamCodex;
using Codex.Shared.Audit;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.IntegrationTests.Privacy;

/// <summary>
/// One audit trail for every module: who did what, when, to whom — changes, imports, exports, erasures and every read of
/// one person's individual levels or progress by someone else. Admins and the data protection officer read, filter and
/// export it; nobody changes it.
/// </summary>
public abstract class AuditTrailTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : TeamCodexTest(provider, postgres, host)
{
    [Fact]
    public async Task Every_kind_of_change_and_read_about_a_person_lands_in_one_trail_with_who_and_when()
    {
        var admin = await AdminAsync();
        var hr = await HumanResourcesAsync();
        var lead = await TeamLeadAsync();
        var leadId = await admin.PersonIdAsync("sabine.krueger@");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        // Organization: a unit, a person in it, led for a moment; the person's details change.
        var unitName = Unique("Protokollteam");
        var unitId = await admin.CreateUnitAsync(unitName, "Team", await admin.UnitIdAsync("Ambulante Pflege"));
        var email = await Factory.NewAccountAsync(admin, "Paula", "Protokoll");
        var paula = await admin.PersonIdAsync(email);
        var person = await admin.GetOkAsync<PersonDto>($"/api/org/people/{paula}");
        await (await admin.PutAsJsonAsync($"/api/org/people/{paula}", new { firstName = "Paula", lastName = "Protokoll-Neu", email, preferredLanguage = "de", person.Version }))
            .AssertStatusAsync(HttpStatusCode.NoContent);
        foreach (var member in new[] { paula, leadId })
        {
            await (await admin.PutAsync($"/api/org/units/{unitId}/members/{member}", null)).AssertStatusAsync(HttpStatusCode.NoContent);
        }

        await (await admin.PutAsJsonAsync($"/api/org/units/{unitId}/members/{paula}/lead", new { isLead = true })).AssertStatusAsync(HttpStatusCode.NoContent);
        await (await admin.PutAsJsonAsync($"/api/org/units/{unitId}/members/{paula}/lead", new { isLead = false })).AssertStatusAsync(HttpStatusCode.NoContent);
        await (await admin.PutAsJsonAsync($"/api/org/units/{unitId}/members/{leadId}/lead", new { isLead = true })).AssertStatusAsync(HttpStatusCode.NoContent);

        // Accounts: a right granted and taken back.
        await (await admin.PutAsync($"/api/accounts/{paula}/roles/HR", null)).AssertStatusAsync(HttpStatusCode.NoContent);
        await (await admin.DeleteAsync($"/api/accounts/{paula}/roles/HR")).AssertStatusAsync(HttpStatusCode.NoContent);

        // Skills and Learning: a role with a path, a lead's sign-off, the lead's reads of her progress and levels, a confirmed level.
        var (enrolmentId, _, pathTitle) = await Factory.EnrolAsync(hr, paula, dueInDays: 30);
        var learner = await Factory.SignInAsync(email);
        await learner.CompleteStepsAsync(enrolmentId, 2);
        var enrolment = await lead.GetOkAsync<HomeSetup.EnrolmentDto>($"/api/learning/enrolments/{enrolmentId}");
        await (await lead.PostAsJsonAsync($"/api/learning/enrolments/{enrolmentId}/steps/{enrolment.Steps[1].Step.Id}/sign-off", new { enrolment.Version }))
            .AssertStatusAsync(HttpStatusCode.NoContent);
        var tool = (await hr.GetOkAsync<ToolPage>("/api/skills/tools?search=Videokonferenz")).Items.Single().Id;
        await WithLeadsSeeingLevelsAsync(admin, async () =>
        {
            await lead.GetOkAsync<JsonElement>($"/api/skills/people/{paula}");
            await (await lead.PutAsJsonAsync($"/api/skills/people/{paula}/levels/{tool}", new { level = 2, version = 0 })).AssertStatusAsync(HttpStatusCode.NoContent);
        });
        await (await hr.GetAsync("/api/skills/export/Assignments.Csv")).AssertStatusAsync(HttpStatusCode.OK);

        var dpo = await DataProtectionOfficerAsync(admin);
        var about = await dpo.GetOkAsync<TrailDto>($"/api/audit?person={paula}&pageSize=200");

        Assert.Equal("Paula Protokoll-Neu", about.PersonName);
        Assert.All(about.Entries.Items, e => Assert.Equal(paula, e.SubjectPersonId));
        Assert.All(about.Entries.Items, e => Assert.True(e.At >= before, $"{e.Action} at {e.At}"));
        AssertHas(about, "Organization", "person.created", "Bernd Engel");
        AssertHas(about, "Organization", "person.updated", "Bernd Engel");
        AssertHas(about, "Organization", "membership.added", "Bernd Engel", subject: unitName);
        AssertHas(about, "Organization", "lead.granted", "Bernd Engel", subject: unitName);
        AssertHas(about, "Organization", "lead.revoked", "Bernd Engel", subject: unitName);
        AssertHas(about, "Identity", "account.RoleGranted", "Bernd Engel", detail: "HR");
        AssertHas(about, "Identity", "account.RoleRevoked", "Bernd Engel", detail: "HR");
        AssertHas(about, "Skills", "role.assigned", "Heike Sommer");
        AssertHas(about, "Learning", "step.signed-off", "Sabine Krüger", subject: pathTitle, detail: "Praxisaufgabe");
        AssertHas(about, "Learning", "progress.viewed", "Sabine Krüger");
        AssertHas(about, "Skills", "levels.viewed", "Sabine Krüger");
        AssertHas(about, "Skills", "level.confirmed", "Sabine Krüger", subject: "Videokonferenz", detail: "0 → 2");
        Assert.DoesNotContain(about.Entries.Items, e => e.Action.EndsWith(".viewed", StringComparison.Ordinal) && e.ActorName == "Paula Protokoll-Neu");
        Assert.Equal(about.Entries.Items.OrderByDescending(e => e.At).Select(e => e.At), about.Entries.Items.Select(e => e.At));

        // Actions about no one person are in the trail too, with their subject.
        var all = await dpo.GetOkAsync<TrailDto>("/api/audit?pageSize=200");
        AssertHas(all, "Organization", "unit.created", "Bernd Engel", subject: unitName);
        AssertHas(all, "Learning", "path.assigned", "Heike Sommer", subject: pathTitle);
        AssertHas(all, "Skills", "role.changed", "Heike Sommer");
        AssertHas(all, "Skills", "privacy.changed", "Bernd Engel");
        AssertHas(all, "Skills", "export.downloaded", "Heike Sommer", subject: "Assignments", detail: "Csv");
    }

    [Fact]
    public async Task Codex_settings_publications_and_imports_are_in_the_trail()
    {
        var admin = await AdminAsync();
        var hr = await HumanResourcesAsync();
        var unit = await NewUnitAsync();
        var unitName = (await admin.UnitAsync(unit.UnitId)).Name;
        await unit.Lead.ChangeSettingsAsync(unit.UnitId, s => s with { QuorumPercent = 60 });
        var version = await unit.PublishNewVersionAsync("Übergaben schreiben wir ins Tablet.");
        var staffNumber = $"P{Guid.NewGuid():N}"[..10];
        using (var form = new MultipartFormDataContent())
        {
            var csv = $"Personalnummer;Vorname;Nachname;E-Mail;Einheit;Leitung;Rolle;Sprache;Status\r\n{staffNumber};Ina;Import;{staffNumber}@codex-tests.example;{unitName};nein;;de;aktiv\r\n";
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "neu.csv");
            form.Add(new StringContent("AddNewOnly"), "mode");
            await (await hr.PostAsync("/api/people/import", form)).AssertStatusAsync(HttpStatusCode.OK);
        }

        var dpo = await DataProtectionOfficerAsync(admin);
        var codex = await dpo.GetOkAsync<TrailDto>("/api/audit?module=TeamCodex&pageSize=200");
        Assert.All(codex.Entries.Items, e => Assert.Equal("TeamCodex", e.Module));
        AssertHas(codex, "TeamCodex", "codex.created", "Sabine Krüger", subject: unitName);
        AssertHas(codex, "TeamCodex", "codex.settings.changed", "Sabine Krüger", subject: unitName);
        AssertHas(codex, "TeamCodex", "codex.published", "Sabine Krüger", subject: unitName, detail: $"v{version}");
        var organisation = await dpo.GetOkAsync<TrailDto>("/api/audit?module=Organization&pageSize=200");
        AssertHas(organisation, "Organization", "people.imported", "Heike Sommer");
        var ina = await admin.PersonIdAsync($"{staffNumber}@");
        AssertHas(await dpo.GetOkAsync<TrailDto>($"/api/audit?person={ina}"), "Organization", "person.created", "Heike Sommer", subject: "import");
    }

    [Fact]
    public async Task The_trail_filters_by_actor_module_and_local_days_and_exports_what_it_shows_as_csv_and_json()
    {
        var admin = await AdminAsync();
        var hr = await HumanResourcesAsync();
        var lead = await TeamLeadAsync();
        var leadId = await admin.PersonIdAsync("sabine.krueger@");
        var mehmet = await admin.PersonIdAsync("Yılmaz");
        var enrolment = (await (await MemberAsync()).GetOkAsync<List<PathCardDto>>("/api/learning/me")).First();
        // Two reads by the lead: each is an entry of its own.
        await lead.GetOkAsync<JsonElement>($"/api/learning/enrolments/{enrolment.EnrolmentId}");
        await lead.GetOkAsync<JsonElement>($"/api/learning/enrolments/{enrolment.EnrolmentId}");
        var dpo = await DataProtectionOfficerAsync(admin);

        var byLead = await dpo.GetOkAsync<TrailDto>($"/api/audit?actor={leadId}&module=Learning&pageSize=200");
        Assert.Equal("Sabine Krüger", byLead.ActorName);
        Assert.NotEmpty(byLead.Entries.Items);
        Assert.All(byLead.Entries.Items, e => Assert.True(e.ActorPersonId == leadId && e.Module == "Learning"));
        AssertHas(byLead, "Learning", "progress.viewed", "Sabine Krüger");
        Assert.Contains(byLead.Entries.Items, e => e.SubjectPersonId == mehmet && e.SubjectName == "Mehmet Yılmaz");

        var today = OrganisationToday();
        Assert.NotEmpty((await dpo.GetOkAsync<TrailDto>($"/api/audit?from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}")).Entries.Items);
        Assert.Empty((await dpo.GetOkAsync<TrailDto>($"/api/audit?from={today.AddDays(1):yyyy-MM-dd}")).Entries.Items);
        Assert.Empty((await dpo.GetOkAsync<TrailDto>($"/api/audit?to={today.AddDays(-400):yyyy-MM-dd}&actor={leadId}")).Entries.Items);
        await (await dpo.GetAsync($"/api/audit?from={today:yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}")).AssertValidationProblemAsync();
        await (await dpo.GetAsync("/api/audit?module=Nirgendwo")).AssertValidationProblemAsync();

        // Paging: two pages of one entry each are the two newest, in order.
        var first = await dpo.GetOkAsync<TrailDto>($"/api/audit?actor={leadId}&pageSize=1&page=1");
        var second = await dpo.GetOkAsync<TrailDto>($"/api/audit?actor={leadId}&pageSize=1&page=2");
        Assert.True(first.Entries.TotalCount >= 2);
        Assert.True(first.Entries.Items.Single().At >= second.Entries.Items.Single().At);

        var csv = await dpo.GetAsync($"/api/audit/export?actor={leadId}&module=Learning&format=csv");
        await csv.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Matches(@"^codex-protokoll-\d{4}-\d{2}-\d{2}\.csv$", csv.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Zeitpunkt;Bereich;Aktion;Wer;Betroffene Person", lines[0], StringComparison.Ordinal);
        Assert.Equal(byLead.Entries.TotalCount, lines.Length - 1);
        Assert.Contains(lines, l => l.Contains(";Lernen;Lernfortschritt angesehen;Sabine Krüger;Mehmet Yılmaz;", StringComparison.Ordinal));

        var json = await dpo.GetAsync($"/api/audit/export?actor={leadId}&module=Learning&format=json");
        var rows = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(byLead.Entries.TotalCount, rows.GetArrayLength());
        Assert.All(rows.EnumerateArray(), r => Assert.Equal(leadId, r.GetProperty("actorPersonId").GetGuid()));

        // The export itself is an entry, by the officer.
        var exports = await dpo.GetOkAsync<TrailDto>("/api/audit?module=Identity&pageSize=200");
        Assert.Equal(2, exports.Entries.Items.Count(e => e.Action == "audit.exported" && e.ActorName == "Dana Datenschutz" && e.Subject!.Contains("module=Learning", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Only_admins_and_the_data_protection_officer_read_the_trail_and_nobody_can_change_it()
    {
        var admin = await AdminAsync();
        var dpo = await DataProtectionOfficerAsync(admin);

        await (await admin.GetAsync("/api/audit")).AssertStatusAsync(HttpStatusCode.OK);
        await (await dpo.GetAsync("/api/audit")).AssertStatusAsync(HttpStatusCode.OK);
        await (await dpo.GetAsync("/admin/audit")).AssertStatusAsync(HttpStatusCode.OK);
        foreach (var client in new[] { await HumanResourcesAsync(), await TeamLeadAsync(), await MemberAsync() })
        {
            await (await client.GetAsync("/api/audit")).AssertProblemAsync(HttpStatusCode.Forbidden);
            await (await client.GetAsync("/api/audit/export")).AssertProblemAsync(HttpStatusCode.Forbidden);
        }

        await (await Factory.CreateAnonymousClient().GetAsync("/api/audit")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        // Read-only: the officer changes nothing, and there is no way to change an entry.
        await (await dpo.PostAsJsonAsync("/api/org/people", new { firstName = "Nie", lastName = "Angelegt", email = "nie@codex-tests.example", preferredLanguage = "de" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await dpo.GetAsync("/api/accounts")).AssertProblemAsync(HttpStatusCode.Forbidden);
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
        {
            var response = await admin.SendAsync(new HttpRequestMessage(method, "/api/audit") { Content = JsonContent.Create(new { action = "x" }) });
            Assert.True(response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound, $"{method}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task Erasure_takes_the_entries_about_the_person_keeps_the_erasure_and_forgets_them_as_actor()
    {
        var admin = await AdminAsync();
        var email = await Factory.NewAccountAsync(admin, "Erna", "Gelöscht");
        var erna = await admin.PersonIdAsync(email);
        await (await admin.PutAsync($"/api/accounts/{erna}/roles/HR", null)).AssertStatusAsync(HttpStatusCode.NoContent);
        var colleague = await (await Factory.SignInAsync(email)).CreatePersonAsync("Von", "Erna");
        var dpo = await DataProtectionOfficerAsync(admin);
        Assert.NotEmpty((await dpo.GetOkAsync<TrailDto>($"/api/audit?person={erna}")).Entries.Items);

        var person = await admin.GetOkAsync<PersonDto>($"/api/org/people/{erna}");
        await (await admin.PostAsJsonAsync($"/api/org/people/{erna}/deactivate", new { person.Version })).AssertStatusAsync(HttpStatusCode.NoContent);
        person = await admin.GetOkAsync<PersonDto>($"/api/org/people/{erna}");
        await (await admin.PostAsJsonAsync($"/api/org/people/{erna}/erase", new { person.Version })).AssertStatusAsync(HttpStatusCode.NoContent);

        await Eventually.HoldsAsync(() => dpo.GetOkAsync<TrailDto>($"/api/audit?person={erna}"), t => t.Entries.TotalCount == 0, Delivery, "no entry about Erna is left");
        var created = Assert.Single((await dpo.GetOkAsync<TrailDto>($"/api/audit?person={colleague}")).Entries.Items, e => e.Action == "person.created");
        Assert.Null(created.ActorPersonId);
        Assert.Equal(AuditRecord.ForgottenActor, created.ActorName);
        var erased = (await dpo.GetOkAsync<TrailDto>("/api/audit?module=Organization&pageSize=20")).Entries.Items.First(e => e.Action == "person.erased");
        Assert.Equal("Bernd Engel", erased.ActorName);
        Assert.Null(erased.SubjectPersonId);
        var page = WebUtility.HtmlDecode(await dpo.GetStringAsync($"/admin/audit?person={colleague}"));
        Assert.Contains("ehemalige:r Mitarbeiter:in", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Erna", page.Replace("Von Erna", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_nightly_job_deletes_entries_older_than_the_retention_period_in_every_module_and_the_account_audit()
    {
        var admin = await AdminAsync();
        var personId = await admin.CreatePersonAsync("Alt", "Eintrag");
        await (await admin.PutAsync($"/api/org/units/{await admin.UnitIdAsync(DemoTeam)}/members/{personId}", null)).AssertStatusAsync(HttpStatusCode.NoContent);
        var longAgo = DateTimeOffset.UtcNow.AddYears(-3);
        await Factory.WithModuleDbAsync("Organization", db => db.Set<AuditRecord>().Where(r => r.SubjectPersonId == personId && r.Action == "person.created")
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.At, longAgo)));
        var email = await Factory.NewAccountAsync(admin, "Alt", "Konto");
        var accountPerson = await admin.PersonIdAsync(email);
        await (await admin.PutAsync($"/api/accounts/{accountPerson}/roles/HR", null)).AssertStatusAsync(HttpStatusCode.NoContent);
        using (var scope = Factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<CodexIdentityDbContext>().AuditEntries.Where(a => a.SubjectPersonId == accountPerson)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.At, longAgo));
        }

        using (var scope = Factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new PurgeExpiredAuditTrailCommand());
        }

        var dpo = await DataProtectionOfficerAsync(admin);
        var left = await dpo.GetOkAsync<TrailDto>($"/api/audit?person={personId}");
        Assert.Equal(["membership.added"], left.Entries.Items.Select(e => e.Action).ToArray());
        Assert.Empty((await dpo.GetOkAsync<TrailDto>($"/api/audit?person={accountPerson}&module=Identity")).Entries.Items);
    }

    /// <summary>A new person with the read-only "Datenschutz" role, signed in (the role is granted by the admin, audited).</summary>
    private async Task<HttpClient> DataProtectionOfficerAsync(HttpClient admin)
    {
        var email = await Factory.NewAccountAsync(admin, "Dana", "Datenschutz");
        await (await admin.PutAsync($"/api/accounts/{await admin.PersonIdAsync(email)}/roles/{CodexRoles.DataProtection}", null)).AssertStatusAsync(HttpStatusCode.NoContent);
        return await Factory.SignInAsync(email);
    }

    private static async Task WithLeadsSeeingLevelsAsync(HttpClient admin, Func<Task> work)
    {
        var settings = await admin.GetOkAsync<PrivacyDto>("/api/skills/privacy");
        try
        {
            (await admin.PutAsJsonAsync("/api/skills/privacy", new { minimumGroupSize = 5, individualProficiencyVisibleToLeads = true, settings.Version })).EnsureSuccessStatusCode();
            await work();
        }
        finally
        {
            var current = await admin.GetOkAsync<PrivacyDto>("/api/skills/privacy");
            (await admin.PutAsJsonAsync("/api/skills/privacy", new { minimumGroupSize = 5, individualProficiencyVisibleToLeads = false, current.Version })).EnsureSuccessStatusCode();
        }
    }

    private static void AssertHas(TrailDto trail, string module, string action, string actor, string? subject = null, string? detail = null) =>
        Assert.True(
            trail.Entries.Items.Any(e => e.Module == module && e.Action == action && e.ActorName == actor
                && (subject is null || e.Subject == subject) && (detail is null || e.Detail == detail)),
            $"No {module} {action} by {actor} ({subject}, {detail}) in: {JsonSerializer.Serialize(trail.Entries.Items.Select(e => $"{e.Module} {e.Action} {e.ActorName} {e.Subject} {e.Detail}"))}");

    private static DateOnly OrganisationToday() => Codex.Shared.Time.OrganisationTime.Today(DateTimeOffset.UtcNow);

    private sealed record EntryDto(DateTimeOffset At, string Module, string Action, Guid? ActorPersonId, string ActorName, Guid? SubjectPersonId, string? SubjectName, string? Subject, string? Detail);

    private sealed record EntriesDto(List<EntryDto> Items, int TotalCount);

    private sealed record TrailDto(EntriesDto Entries, string? PersonName, string? ActorName);

    private sealed record PersonDto(Guid Id, bool IsActive, int Version);

    private sealed record PrivacyDto(int Version);

    private sealed record PathCardDto(Guid EnrolmentId, string PathTitle);

    private sealed record ToolDto(Guid Id, string Name);

    private sealed record ToolPage(List<ToolDto> Items);
}

[Collection(IntegrationCollection.Name)]
public sealed class AuditTrailTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : AuditTrailTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class AuditTrailTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : AuditTrailTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
