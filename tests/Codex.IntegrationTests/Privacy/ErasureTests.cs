using System.Net;
using System.Net.Http.Json;
using Codex.Host.Identity;
using Codex.IntegrationTests.Home;
using Codex.IntegrationTests.Infrastructure;
using Codex.IntegrationTests.TeamCodex;
using Codex.Modules.Learning.Domain;
using Codex.Modules.Notifications.Domain;
using Codex.Modules.Organization.Domain;
using Codex.Modules.Skills.Domain;
using Codex.Modules.TeamCodex.Domain;
using Codex.Shared.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.IntegrationTests.Privacy;

/// <summary>
/// Erasure (GDPR Art. 17) of a person who left: everything about them goes in every module; what the
/// team wrote together stays, as a former employee's; only the fact of the erasure is logged.
/// </summary>
public abstract class ErasureTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : TeamCodexTest(provider, postgres, host)
{
    [Fact]
    public async Task An_admin_erases_a_person_who_left_in_every_module_and_their_codex_text_stays_as_a_former_employees()
    {
        var unit = await NewUnitAsync();
        var admin = await AdminAsync();
        var hr = await HumanResourcesAsync();
        var email = await Factory.NewAccountAsync(admin, "Erika", "Vergessen");
        var erikaId = await admin.PersonIdAsync(email);
        await (await admin.PutAsync($"/api/org/units/{unit.UnitId}/members/{erikaId}", null)).AssertStatusAsync(HttpStatusCode.NoContent);
        await Eventually.HoldsAsync(() => admin.ParticipantsAsync(unit.UnitId), p => p.Count == 3, Delivery, "Erika takes part in the codex");
        var erika = await Factory.SignInAsync(email);
        await erika.EditDraftAsync(unit.UnitId, "Übergaben schreibt Erika ins Tablet.");
        await Factory.EnrolAsync(hr, erikaId, dueInDays: 30);
        var tool = (await hr.GetOkAsync<ToolPage>("/api/skills/tools?search=Videokonferenz")).Items.Single().Id;
        await (await erika.PutAsJsonAsync("/api/skills/me/levels", new { levels = new[] { new { toolId = tool, level = 2, version = 0 } } }))
            .AssertStatusAsync(HttpStatusCode.NoContent);
        // HR assigns her a role from a file: the import's audit entry names her.
        var import = await hr.PostAsync("/api/skills/import/Assignments?fileName=rollen.csv&apply=true",
            new StringContent($"PersonId;Person;Role\r\n{erikaId};Erika Vergessen;Pflegehilfskraft\r\n"));
        await import.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Contains("Erika Vergessen", await import.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await HeldAboutAsync(erikaId) > 0);

        var person = await admin.GetOkAsync<PersonDto>($"/api/org/people/{erikaId}");
        await (await hr.PostAsJsonAsync($"/api/org/people/{erikaId}/deactivate", new { person.Version })).AssertStatusAsync(HttpStatusCode.NoContent);
        person = await admin.GetOkAsync<PersonDto>($"/api/org/people/{erikaId}");
        await (await admin.PostAsJsonAsync($"/api/org/people/{erikaId}/erase", new { person.Version })).AssertStatusAsync(HttpStatusCode.NoContent);

        await (await admin.GetAsync($"/api/org/people/{erikaId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await Eventually.HoldsAsync(() => HeldAboutAsync(erikaId), held => held == 0, Delivery, "every module forgets Erika");
        var draft = await unit.Lead.GetOkAsync<DraftRevisionsDto>(CodexApiClient.Url(unit.UnitId, "/draft"));
        Assert.Contains(draft.RecentRevisions, r => r.Author == "ehemalige:r Mitarbeiter:in");
        Assert.Contains("Übergaben schreibt Erika ins Tablet.", (await unit.Lead.DraftAsync(unit.UnitId)).Sections[0].Markdown, StringComparison.Ordinal);
        // What is logged: when and by whom, nothing about Erika.
        var erasures = await Factory.WithModuleDbAsync("Organization", db => db.Set<Erasure>().AsNoTracking().ToListAsync());
        Assert.Equal(await admin.PersonIdAsync("bernd.engel@"), erasures.MaxBy(e => e.At)!.ErasedBy);
        await Assert.ThrowsAnyAsync<Exception>(() => Factory.SignInAsync(email));
    }

    [Fact]
    public async Task Only_an_admin_erases_and_only_a_person_who_has_left()
    {
        var admin = await AdminAsync();
        var personId = await admin.CreatePersonAsync("Noch", "Da");
        var person = await admin.GetOkAsync<PersonDto>($"/api/org/people/{personId}");

        await (await (await HumanResourcesAsync()).PostAsJsonAsync($"/api/org/people/{personId}/erase", new { person.Version }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await (await MemberAsync()).PostAsJsonAsync($"/api/org/people/{personId}/erase", new { person.Version }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        var refused = await (await admin.PostAsJsonAsync($"/api/org/people/{personId}/erase", new { person.Version })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("ausgeschieden", refused.ToString(), StringComparison.Ordinal);
        Assert.True((await admin.GetOkAsync<PersonDto>($"/api/org/people/{personId}")).IsActive);
    }

    /// <summary>How many rows about the person the modules still hold (their own, not the team's).</summary>
    private async Task<int> HeldAboutAsync(Guid personId)
    {
        var held = 0;
        held += await Factory.WithModuleDbAsync("Organization", db => db.Set<Person>().CountAsync(p => p.Id == personId));
        held += await Factory.WithModuleDbAsync("Skills", db => db.Set<Proficiency>().CountAsync(p => p.PersonId == personId));
        held += await Factory.WithModuleDbAsync("Skills", db => db.Set<ProficiencyChange>().CountAsync(p => p.PersonId == personId));
        held += await Factory.WithModuleDbAsync("Skills", db => db.Set<PersonRoles>().CountAsync(p => p.Id == personId));
        held += await Factory.WithModuleDbAsync("Skills", db => db.Set<AuditEntry>().CountAsync(a => a.SubjectPersonId == personId || a.Subject.Contains("Vergessen")));
        held += await Factory.WithModuleDbAsync("Learning", db => db.Set<Enrolment>().CountAsync(e => e.PersonId == personId));
        held += await Factory.WithModuleDbAsync("Learning", db => db.Set<ProgressView>().CountAsync(v => v.PersonId == personId));
        held += await Factory.WithModuleDbAsync("Notifications", db => db.Set<EmailMessage>().CountAsync(m => m.RecipientPersonId == personId));
        held += await Factory.WithModuleDbAsync("TeamCodex", db => db.Set<DraftRevision>().CountAsync(r => r.AuthorId == personId));
        held += await Factory.WithModuleDbAsync("TeamCodex", db => db.Set<Codex.Modules.TeamCodex.Domain.UnitMember>().CountAsync(m => m.PersonId == personId));
        using var scope = Factory.Services.CreateScope();
        held += await scope.ServiceProvider.GetRequiredService<CodexIdentityDbContext>().Users.CountAsync(a => a.PersonId == personId);
        return held;
    }

    private sealed record PersonDto(Guid Id, bool IsActive, int Version);

    private sealed record ToolDto(Guid Id, string Name);

    private sealed record ToolPage(List<ToolDto> Items);

    private sealed record RevisionDto(int Number, string Author);

    private sealed record DraftRevisionsDto(List<RevisionDto> RecentRevisions);
}

[Collection(IntegrationCollection.Name)]
public sealed class ErasureTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : ErasureTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class ErasureTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : ErasureTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
