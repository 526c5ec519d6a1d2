using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Codex.Host.Identity;
using Codex.IntegrationTests.Infrastructure;
using Codex.Modules.Learning.Domain;
using Codex.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.IntegrationTests.Home;

/// <summary>What the home page tests set up: learning paths the demo member is enrolled in, accounts, and reading the page.</summary>
public static partial class HomeSetup
{
    public static readonly TimeSpan Delivery = TimeSpan.FromSeconds(20);

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>The home page as the client sees it (German unless a culture is asked for).</summary>
    public static async Task<string> HomeAsync(this HttpClient client, string? culture = null)
    {
        var response = await client.GetAsync(culture is null ? "/" : "/?culture=" + culture);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The list item of the home page that links to <paramref name="path"/>, as text with its markup; fails when there is none.</summary>
    public static string ItemLinkingTo(string html, string path)
    {
        var item = ListItemPattern().Matches(html).Select(m => m.Value).FirstOrDefault(li => li.Contains($"href=\"{path}\"", StringComparison.Ordinal));
        Assert.True(item is not null, $"No item on the home page links to {path}.");
        return WhitespacePattern().Replace(item, " ");
    }

    /// <summary>A date as the page shows it: in the organisation's time zone (Europe/Berlin), German format.</summary>
    public static string GermanDate(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Berlin).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    /// <summary>
    /// A new person with a sign-in account (password: the demo password): somebody nothing waits for.
    /// Accounts are made the way the demo seeder makes them, as no invitation flow exists yet.
    /// </summary>
    public static async Task<string> NewAccountAsync(this CodexApplicationFactory factory, HttpClient admin, string firstName, string lastName)
    {
        var email = $"{firstName.ToLowerInvariant()}.{Guid.NewGuid():N}@codex-tests.example";
        var personId = await admin.CreatePersonAsync(firstName, lastName, email);
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CodexAccount>>();
        var result = await users.CreateAsync(
            new CodexAccount { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true, PersonId = personId, DisplayName = $"{firstName} {lastName}", CreatedAt = DateTimeOffset.UtcNow, ActivatedAt = DateTimeOffset.UtcNow },
            DemoLogins.Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(await users.FindByEmailAsync(email) ?? throw new InvalidOperationException(), "Member");
        return email;
    }

    /// <summary>
    /// A new role and a two-step path assigned to it (due <paramref name="dueInDays"/> days after
    /// enrolment; the second step needs a lead's sign-off), then the role given to the person; returns
    /// the person's enrolment once Learning has made it (RoleAssigned travels through the outbox).
    /// </summary>
    public static async Task<(Guid EnrolmentId, Guid PathId, string PathTitle)> EnrolAsync(
        this CodexApplicationFactory factory, HttpClient hr, Guid personId, int dueInDays)
    {
        var roleName = $"Testrolle {Guid.NewGuid():N}"[..22];
        var role = await hr.PostAsJsonAsync("/api/skills/roles", new { name = roleName, description = "für Tests" });
        await role.AssertStatusAsync(HttpStatusCode.Created);
        var roleId = (await role.Content.ReadFromJsonAsync<IdDto>(CodexApi.Json))!.Id;

        var pathTitle = $"Testpfad {Guid.NewGuid():N}"[..20];
        var created = await hr.PostAsJsonAsync("/api/learning/paths", new { title = pathTitle, description = "Test" });
        await created.AssertStatusAsync(HttpStatusCode.Created);
        var pathId = (await created.Content.ReadFromJsonAsync<IdDto>(CodexApi.Json))!.Id;
        var version = (await hr.GetOkAsync<VersionDto>($"/api/learning/paths/{pathId}")).Version;
        await (await hr.PostAsJsonAsync($"/api/learning/paths/{pathId}/steps", new { title = "Merkblatt lesen", kind = "Reading", effortMinutes = 15, link = "/intranet/merkblatt", version }))
            .AssertStatusAsync(HttpStatusCode.OK);
        await (await hr.PostAsJsonAsync($"/api/learning/paths/{pathId}/steps", new { title = "Praxisaufgabe", kind = "PracticeTask", effortMinutes = 30, requiresSignOff = true, version = version + 1 }))
            .AssertStatusAsync(HttpStatusCode.OK);

        await (await hr.PutAsync($"/api/skills/people/{personId}/roles/{roleId}", null)).AssertStatusAsync(HttpStatusCode.NoContent);
        await Eventually.HoldsAsync(
            () => factory.WithModuleDbAsync("Learning", db => db.Set<RoleHolder>().CountAsync(h => h.RoleId == roleId && h.PersonId == personId)),
            n => n == 1, Delivery, "Learning knows the role holder");
        await (await hr.PostAsJsonAsync($"/api/learning/paths/{pathId}/assignments", new { roleId, dueOffsetDays = dueInDays })).AssertStatusAsync(HttpStatusCode.OK);
        var enrolmentId = await factory.WithModuleDbAsync("Learning", db => db.Set<Enrolment>()
            .Where(e => e.PathId == pathId && e.PersonId == personId).Select(e => e.Id).SingleAsync());
        return (enrolmentId, pathId, pathTitle);
    }

    public static Task<DateTimeOffset> DueOnAsync(this CodexApplicationFactory factory, Guid enrolmentId) =>
        factory.WithModuleDbAsync("Learning", db => db.Set<Enrolment>().Where(e => e.Id == enrolmentId).Select(e => e.DueOn).SingleAsync());

    /// <summary>Moves the due date (as time passing would).</summary>
    public static Task<int> MakeDueOnAsync(this CodexApplicationFactory factory, Guid enrolmentId, DateTimeOffset dueOn) =>
        factory.WithModuleDbAsync("Learning", db => db.Set<Enrolment>().Where(e => e.Id == enrolmentId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.DueOn, dueOn)));

    /// <summary>Completes the learner's steps in order through the API, as the learner does on the enrolment page.</summary>
    public static async Task CompleteStepsAsync(this HttpClient learner, Guid enrolmentId, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var enrolment = await learner.GetOkAsync<EnrolmentDto>($"/api/learning/enrolments/{enrolmentId}");
            var step = enrolment.Steps.First(s => s.State is null).Step.Id;
            await (await learner.PostAsJsonAsync($"/api/learning/enrolments/{enrolmentId}/steps/{step}/complete", new { version = enrolment.Version, evidence = "erledigt" }))
                .AssertStatusAsync(HttpStatusCode.NoContent);
        }
    }

    public sealed record IdDto(Guid Id);

    public sealed record VersionDto(int Version);

    public sealed record StepIdDto(Guid Id);

    public sealed record EnrolmentStepDto(StepIdDto Step, string? State);

    public sealed record EnrolmentDto(Guid Id, int Version, IReadOnlyList<EnrolmentStepDto> Steps);

    [GeneratedRegex("<li[ >].*?</li>", RegexOptions.Singleline)]
    private static partial Regex ListItemPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();
}
