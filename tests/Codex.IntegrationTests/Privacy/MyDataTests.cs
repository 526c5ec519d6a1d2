using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;

namespace Codex.IntegrationTests.Privacy;

/// <summary>"Meine Daten" (GDPR Art. 15/20): what a person gets about themself, as JSON and as pages, and who looked at their data.</summary>
public abstract class MyDataTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    [Fact]
    public async Task A_member_downloads_their_own_profile_memberships_levels_and_enrolments_and_nobody_elses()
    {
        var member = await MemberAsync();
        var skills = await member.GetOkAsync<SkillsDto>("/api/skills/me");
        var line = skills.Lines.First(l => l.ToolName == "Videokonferenz");
        var newLevel = (line.CurrentLevel + 1) % 5;
        (await member.PutAsJsonAsync("/api/skills/me/levels", new { levels = new[] { new { toolId = line.ToolId, level = newLevel, version = line.Version } } }))
            .EnsureSuccessStatusCode();
        var enrolment = (await member.GetOkAsync<List<PathCardDto>>("/api/learning/me")).First();

        var response = await member.GetAsync("/api/me/data");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches(@"^codex-meine-daten-\d{4}-\d{2}-\d{2}\.json$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var text = await response.Content.ReadAsStringAsync();
        var data = JsonDocument.Parse(text).RootElement;
        string[] order = ["Organization", "Identity", "Skills", "Learning", "TeamCodex", "Notifications"];
        Assert.Equal(order, data.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("module").GetString() ?? "").ToArray());

        var profile = Rows(data, "Organization", "profile");
        Assert.Contains(profile, r => r[1] == "Mehmet");
        Assert.Contains(profile, r => r[1] == "Yılmaz");
        Assert.Contains(profile, r => r[1] == "mehmet.yilmaz@sozialwerk-rheinaue.example");
        Assert.Contains(Rows(data, "Organization", "memberships"), r => r[0] == "Pflegeteam Nord");
        Assert.Contains(Rows(data, "Identity", "account"), r => r[1] == "mehmet.yilmaz@sozialwerk-rheinaue.example");

        var level = Assert.Single(Rows(data, "Skills", "levels"), r => r[0] == "Videokonferenz");
        Assert.StartsWith($"{newLevel} – ", level[1], StringComparison.Ordinal);
        Assert.Equal("Selbsteinschätzung", level[2]);
        Assert.Contains(Rows(data, "Skills", "level-history"), r => r[1] == "Videokonferenz" && r[3].StartsWith($"{newLevel} – ", StringComparison.Ordinal));
        Assert.Contains(Rows(data, "Learning", "enrolments"), r => r[0] == enrolment.PathTitle);

        // Other people's data stays out: the colleagues of the team, and the lead's account.
        Assert.DoesNotContain("Anna Schmidt", text, StringComparison.Ordinal);
        Assert.DoesNotContain("anna.schmidt", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("sabine.krueger", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("bernd.engel", text, StringComparison.OrdinalIgnoreCase);
        var lead = JsonDocument.Parse(await (await TeamLeadAsync()).GetStringAsync("/api/me/data")).RootElement;
        Assert.Contains(Rows(lead, "Organization", "profile"), r => r[1] == "Sabine");
        Assert.DoesNotContain(Rows(lead, "Organization", "profile"), r => r[1] == "Mehmet");
    }

    [Fact]
    public async Task A_lead_who_opens_the_members_levels_and_progress_shows_up_in_the_members_views_with_name_and_time()
    {
        var admin = await AdminAsync();
        var lead = await TeamLeadAsync();
        var member = await MemberAsync();
        var mehmet = await admin.PersonIdAsync("Yılmaz");
        var before = JsonDocument.Parse(await member.GetStringAsync("/api/me/data")).RootElement;
        Assert.DoesNotContain(Rows(before, "Skills", "views"), r => r[0] == "Sabine Krüger");
        Assert.DoesNotContain(Rows(before, "Learning", "views"), r => r[0] == "Sabine Krüger");

        // While the organisation keeps individual levels private, the lead is refused, and nothing was seen.
        await (await lead.GetAsync($"/api/skills/people/{mehmet}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.DoesNotContain(Rows(JsonDocument.Parse(await member.GetStringAsync("/api/me/data")).RootElement, "Skills", "views"), r => r[0] == "Sabine Krüger");

        var settings = await admin.GetOkAsync<PrivacyDto>("/api/skills/privacy");
        try
        {
            (await admin.PutAsJsonAsync("/api/skills/privacy", new { minimumGroupSize = 5, individualProficiencyVisibleToLeads = true, settings.Version })).EnsureSuccessStatusCode();
            await lead.GetOkAsync<JsonElement>($"/api/skills/people/{mehmet}");
        }
        finally
        {
            var current = await admin.GetOkAsync<PrivacyDto>("/api/skills/privacy");
            (await admin.PutAsJsonAsync("/api/skills/privacy", new { minimumGroupSize = 5, individualProficiencyVisibleToLeads = false, current.Version })).EnsureSuccessStatusCode();
        }

        var enrolment = (await member.GetOkAsync<List<PathCardDto>>("/api/learning/me")).First();
        await lead.GetOkAsync<JsonElement>($"/api/learning/enrolments/{enrolment.EnrolmentId}");
        // The member's own reads are not views by someone else.
        await member.GetOkAsync<JsonElement>($"/api/learning/enrolments/{enrolment.EnrolmentId}");
        await member.GetOkAsync<JsonElement>("/api/skills/me");

        var after = JsonDocument.Parse(await member.GetStringAsync("/api/me/data")).RootElement;
        var skillsView = Assert.Single(Rows(after, "Skills", "views"), r => r[0] == "Sabine Krüger");
        Assert.Matches(@"\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}", skillsView[1]);
        Assert.Equal("Ihre einzelnen Stufen", skillsView[2]);
        var learningView = Assert.Single(Rows(after, "Learning", "views"));
        Assert.Equal("Sabine Krüger", learningView[0]);
        Assert.Contains(enrolment.PathTitle, learningView[2], StringComparison.Ordinal);
        Assert.DoesNotContain(Rows(after, "Skills", "views"), r => r[0] == "Mehmet Yılmaz");

        // HR reads the Skills audit: the view is there too, under its own area.
        var audit = await (await HumanResourcesAsync()).GetOkAsync<JsonElement>("/api/skills/audit?area=IndividualViewed");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), a => a.GetProperty("subject").GetString() == mehmet.ToString());
    }

    [Fact]
    public async Task An_anonymous_request_for_my_data_gets_401()
    {
        await (await Factory.CreateAnonymousClient().GetAsync("/api/me/data")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_page_and_the_print_document_show_every_section_with_captioned_tables_and_link_the_download()
    {
        var member = await MemberAsync();

        var page = WebUtility.HtmlDecode(await member.GetStringAsync("/me/data"));
        var print = WebUtility.HtmlDecode(await member.GetStringAsync("/me/data/print"));

        Assert.Contains("<h1>Meine Daten</h1>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/me/data\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/me/data/print\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/me/data\"", await member.GetStringAsync("/"), StringComparison.Ordinal);
        foreach (var html in new[] { page, print })
        {
            foreach (var title in new[] { "Person und Organisation", "Anmeldekonto", "Kompetenzen", "Lernen", "Team-Kodex", "Benachrichtigungen" })
            {
                Assert.Contains($">{title}</h2>", html, StringComparison.Ordinal);
            }

            Assert.Contains("<caption>Zugehörigkeit zu Einheiten</caption>", html, StringComparison.Ordinal);
            Assert.Contains("<th scope=\"col\">Einheit</th>", html, StringComparison.Ordinal);
            Assert.Contains("data-label=\"Einheit\">Pflegeteam Nord</td>", html, StringComparison.Ordinal);
        }

        Assert.Contains("<h1>Meine Daten in Codex: Mehmet Yılmaz</h1>", print, StringComparison.Ordinal);
    }

    /// <summary>The rows of one table of one module's section, as strings.</summary>
    private static List<string[]> Rows(JsonElement data, string module, string table)
    {
        var section = data.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("module").GetString() == module);
        var found = section.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("key").GetString() == table);
        var columns = found.GetProperty("columns").GetArrayLength();
        var rows = found.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString() ?? "").ToArray()).ToList();
        Assert.All(rows, r => Assert.Equal(columns, r.Length));
        return rows;
    }

    private sealed record LineDto(Guid ToolId, string ToolName, int CurrentLevel, int Version);

    private sealed record SkillsDto(List<LineDto> Lines);

    private sealed record PathCardDto(Guid EnrolmentId, string PathTitle);

    private sealed record PrivacyDto(int MinimumGroupSize, bool IndividualProficiencyVisibleToLeads, int Version);
}

[Collection(IntegrationCollection.Name)]
public sealed class MyDataTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : MyDataTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class MyDataTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : MyDataTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
