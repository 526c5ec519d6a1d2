using System.Net;
using System.Net.Http.Json;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;
using Codex.Testing;

namespace Codex.IntegrationTests.Skills;

/// <summary>The Skills pages as each role sees them, and the forms they post.</summary>
public abstract class SkillsPageTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    [Theory]
    [InlineData("/me/skills", "Meine Kompetenzen")]
    [InlineData("/skills/tools", "Werkzeugkatalog")]
    [InlineData("/skills/tools?search=zzz-nothing", "Keine Werkzeuge gefunden.")]
    [InlineData("/skills/matrix", "Anforderungsmatrix")]
    [InlineData("/skills/roles", "Pflegefachkraft")]
    public async Task A_member_sees_the_pages_meant_for_everyone(string path, string expected)
    {
        var html = await TextAsync(await MemberAsync(), path);
        Assert.Contains(expected, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/skills/gaps")]
    [InlineData("/skills/assignments")]
    [InlineData("/skills/audit")]
    [InlineData("/skills/tools/edit")]
    [InlineData("/admin/skills-privacy")]
    public async Task A_member_is_refused_the_pages_for_leads_HR_and_admins(string path)
    {
        AssertRefused(await (await MemberAsync()).GetAsync(path));
    }

    [Fact]
    public async Task A_member_sees_the_matrix_read_only_and_cannot_post_it()
    {
        var member = await MemberAsync();
        var html = await member.GetStringAsync("/skills/matrix");
        Assert.DoesNotContain("name=\"Data[0].Level\"", html, StringComparison.Ordinal);
        var token = await CodexApplicationFactory.AntiforgeryTokenAsync(member, "/skills/matrix");
        var response = await member.PostAsync("/skills/matrix", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Version"] = "1",
        }));
        AssertRefused(response);
    }

    [Fact]
    public async Task HR_saves_a_grid_cell_and_a_stale_grid_is_refused_with_a_message()
    {
        var hr = await HumanResourcesAsync();
        var html = await TextAsync(hr, "/skills/matrix");
        var form = HtmlForm.Submit(html, "");
        var fields = (await form.ReadAsStringAsync()).Split('&').Select(p => p.Split('=')).ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p[1]));
        // The first cell only: roles and tools are sorted by name, so that is Erzieher:in × Diensttablet (no demo requirement).
        var post = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = fields["__RequestVerificationToken"],
            ["Version"] = fields["Version"],
            ["Data[0].RoleId"] = fields["Data[0].RoleId"],
            ["Data[0].ToolId"] = fields["Data[0].ToolId"],
            ["Data[0].Level"] = "1",
            ["Data[0].Mandatory"] = "true",
            ["Data[0].Rationale"] = "Gruppentablet",
        };
        var saved = await hr.PostAsync("/skills/matrix", new FormUrlEncodedContent(post));
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        Assert.Contains("Gruppentablet", await TextAsync(hr, "/skills/matrix"), StringComparison.Ordinal);

        var stale = await hr.PostAsync("/skills/matrix", new FormUrlEncodedContent(post));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Jemand anderes hat die Matrix inzwischen gespeichert.", WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        post["Version"] = (int.Parse(fields["Version"], System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        post["Data[0].Level"] = "0";
        Assert.Equal(HttpStatusCode.Redirect, (await hr.PostAsync("/skills/matrix", new FormUrlEncodedContent(post))).StatusCode);
    }

    [Fact]
    public async Task The_heatmap_page_draws_an_svg_with_title_and_desc_and_the_same_values_as_a_table()
    {
        var html = await TextAsync(await HumanResourcesAsync(), "/skills/gaps");
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("<title id=\"heatmap-title\">", html, StringComparison.Ordinal);
        Assert.Contains("<desc id=\"heatmap-desc\">", html, StringComparison.Ordinal);
        Assert.Contains("<table id=\"heatmap-table\">", html, StringComparison.Ordinal);
        Assert.Contains("Sozialwerk Rheinaue e.V. (gesamt)", html, StringComparison.Ordinal);
        Assert.Contains("Gruppe unter 5 Personen", html, StringComparison.Ordinal);

        var lead = await TextAsync(await TeamLeadAsync(), "/skills/gaps");
        Assert.Contains("Pflegeteam Nord (gesamt)", lead, StringComparison.Ordinal);
        Assert.DoesNotContain("Pflegeteam Süd", lead, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_saves_a_self_assessment_from_the_page()
    {
        var member = await MemberAsync();
        var html = await member.GetStringAsync("/me/skills");
        var form = HtmlForm.Submit(html, "");
        var fields = (await form.ReadAsStringAsync()).Split('&').Select(p => p.Split('=')).ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p[1]));
        var post = fields.Where(f => f.Key == "__RequestVerificationToken" || f.Key.StartsWith("Data[0]", StringComparison.Ordinal)).ToDictionary();
        post["Data[0].Level"] = "3";
        var response = await member.PostAsync("/me/skills", new FormUrlEncodedContent(post));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Ihre Einschätzung wurde gespeichert.", await TextAsync(member, "/me/skills?saved=true"), StringComparison.Ordinal);
    }

    /// <summary>Pages answer a refused request with the sign-in cookie's access-denied redirect.</summary>
    [Fact]
    public async Task HR_deletes_an_unheld_role_on_the_roles_page_and_a_held_one_offers_no_delete_button()
    {
        var hr = await HumanResourcesAsync();
        var name = $"Seitenrolle {Guid.NewGuid():N}"[..22];
        await (await hr.PostAsJsonAsync("/api/skills/roles", new { name })).AssertStatusAsync(HttpStatusCode.Created);
        var html = await TextAsync(hr, "/skills/roles");
        Assert.Contains($"Rolle „{name}“ löschen", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Rolle „Pflegefachkraft“ löschen", html, StringComparison.Ordinal);

        var roles = await hr.GetFromJsonAsync<List<RoleRow>>("/api/skills/roles");
        var role = roles!.Single(r => r.Name == name);
        var nurse = roles!.Single(r => r.Name == "Pflegefachkraft");
        var token = await CodexApplicationFactory.AntiforgeryTokenAsync(hr, "/skills/roles");
        FormUrlEncodedContent Delete(RoleRow r) => new(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["id"] = r.Id.ToString(),
            ["version"] = r.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var refused = await hr.PostAsync("/skills/roles?handler=Delete", Delete(nurse));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Die Rolle ist noch Personen zugewiesen.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var deleted = await hr.PostAsync("/skills/roles?handler=Delete", Delete(role));
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.DoesNotContain(name, await TextAsync(hr, "/skills/roles"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_role_form_comes_back_with_the_input_beside_the_stored_role_and_saves_on_the_second_try()
    {
        var hr = await HumanResourcesAsync();
        var name = $"Konfliktrolle {Guid.NewGuid():N}"[..22];
        await (await hr.PostAsJsonAsync("/api/skills/roles", new { name })).AssertStatusAsync(HttpStatusCode.Created);
        var role = (await hr.GetFromJsonAsync<List<RoleRow>>("/api/skills/roles"))!.Single(r => r.Name == name);
        var action = $"/skills/roles?edit={role.Id}";
        var loaded = await hr.GetStringAsync(action);
        (await hr.PutAsJsonAsync($"/api/skills/roles/{role.Id}", new { name = name + " A", description = "von jemand anderem", role.Version })).EnsureSuccessStatusCode();

        var stale = await hr.PostAsync(action, HtmlForm.Submit(loaded, action, ("Data.Name", name + " B"), ("Data.Description", "meine Beschreibung")));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var html = await stale.Content.ReadAsStringAsync();
        var text = WebUtility.HtmlDecode(html);
        Assert.Contains("Jemand anderes hat das inzwischen geändert.", text, StringComparison.Ordinal);
        Assert.Contains($"Gespeichert ist jetzt: {name} A – von jemand anderem", text, StringComparison.Ordinal);
        Assert.Contains($"value=\"{name} B\"", text, StringComparison.Ordinal);
        Assert.Contains("meine Beschreibung", text, StringComparison.Ordinal);

        var again = await hr.PostAsync(action, HtmlForm.Submit(html, action, ("Data.Name", name + " B"), ("Data.Description", "meine Beschreibung")));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains((await hr.GetFromJsonAsync<List<RoleRow>>("/api/skills/roles"))!, r => r.Id == role.Id && r.Name == name + " B");
    }

    [Fact]
    public async Task A_stale_privacy_form_comes_back_with_the_input_beside_the_stored_rules_and_saves_on_the_second_try()
    {
        var admin = await AdminAsync();
        try
        {
            var loaded = await admin.GetStringAsync("/admin/skills-privacy");
            var settings = await admin.GetOkAsync<PrivacyDto>("/api/skills/privacy");
            (await admin.PutAsJsonAsync("/api/skills/privacy", new { minimumGroupSize = 6, individualProficiencyVisibleToLeads = false, settings.Version })).EnsureSuccessStatusCode();

            var stale = await admin.PostAsync("/admin/skills-privacy", HtmlForm.Submit(loaded, "", ("Data.MinimumGroupSize", "7")));

            Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
            var html = await stale.Content.ReadAsStringAsync();
            var text = WebUtility.HtmlDecode(html);
            Assert.Contains("Jemand anderes hat das inzwischen geändert.", text, StringComparison.Ordinal);
            Assert.Contains("Gespeichert ist jetzt: Mindestgruppengröße für Auswertungen 6", text, StringComparison.Ordinal);
            Assert.Matches("<input[^>]*value=\"7\"[^>]*name=\"Data.MinimumGroupSize\"|<input[^>]*name=\"Data.MinimumGroupSize\"[^>]*value=\"7\"", html);

            var again = await admin.PostAsync("/admin/skills-privacy", HtmlForm.Submit(html, "", ("Data.MinimumGroupSize", "7")));
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
            Assert.Equal(7, (await admin.GetOkAsync<PrivacyDto>("/api/skills/privacy")).MinimumGroupSize);
        }
        finally
        {
            var current = await admin.GetOkAsync<PrivacyDto>("/api/skills/privacy");
            (await admin.PutAsJsonAsync("/api/skills/privacy", new { minimumGroupSize = 5, individualProficiencyVisibleToLeads = false, current.Version })).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task A_stale_self_assessment_comes_back_with_the_persons_choice_beside_the_level_stored_now()
    {
        var member = await MemberAsync();
        var loaded = await member.GetStringAsync("/me/skills");
        var line = (await member.GetOkAsync<PersonSkillsDto>("/api/skills/me")).Lines.First(l => l.Version > 0 && l.CurrentLevel < 3);
        var index = LineIndex(loaded, line.ToolId);
        // The same person in another tab raises the level in between.
        (await member.PutAsJsonAsync("/api/skills/me/levels", new { levels = new[] { new { toolId = line.ToolId, level = line.CurrentLevel + 1, line.Version } } })).EnsureSuccessStatusCode();

        var stale = await member.PostAsync("/me/skills", HtmlForm.Submit(loaded, "", [.. ChosenLevels(loaded, except: index), ($"Data[{index}].Level", "4")]));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var html = await stale.Content.ReadAsStringAsync();
        Assert.Contains("Jemand anderes hat das inzwischen geändert.", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Matches($"<select id=\"level-{index}\"[^>]*>(?:(?!</select>).)*<option value=\"4\" selected=\"selected\"", html.ReplaceLineEndings(" "));
        Assert.Contains($"Gespeichert ist jetzt: {line.CurrentLevel + 1} – ", WebUtility.HtmlDecode(html), StringComparison.Ordinal);

        var again = await member.PostAsync("/me/skills", HtmlForm.Submit(html, "", [.. ChosenLevels(html, except: index), ($"Data[{index}].Level", "4")]));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(4, (await member.GetOkAsync<PersonSkillsDto>("/api/skills/me")).Lines.Single(l => l.ToolId == line.ToolId).CurrentLevel);
    }

    [Fact]
    public async Task My_history_and_the_audit_show_times_on_the_organisations_clock_not_the_servers()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var german = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
        string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, berlin).ToString("g", german);
        string Utc(DateTimeOffset at) => at.ToUniversalTime().ToString("g", german);

        var member = await MemberAsync();
        var history = (await member.GetOkAsync<HistoryPage>("/api/skills/me")).History;
        var latest = history.MaxBy(h => h.At)!.At;
        Assert.NotEqual(Local(latest), Utc(latest)); // the check means something only while the zones differ
        var mine = await TextAsync(member, "/me/skills");
        Assert.Contains(Local(latest), mine, StringComparison.Ordinal);

        var hr = await HumanResourcesAsync();
        (await hr.PostAsJsonAsync("/api/skills/roles", new { name = $"Zeitrolle {Guid.NewGuid():N}"[..20] })).EnsureSuccessStatusCode();
        var entry = (await hr.GetOkAsync<AuditTimes>("/api/skills/audit")).Items.MaxBy(e => e.At)!;
        var audit = await TextAsync(hr, "/skills/audit");
        Assert.Contains(Local(entry.At), audit, StringComparison.Ordinal);
        Assert.DoesNotContain(Utc(entry.At), audit, StringComparison.Ordinal);
    }

    private sealed record HistoryLine(DateTimeOffset At);

    private sealed record HistoryPage(List<HistoryLine> History);

    private sealed record AuditTimes(List<HistoryLine> Items);

    private sealed record RoleRow(Guid Id, string Name, int Version);

    /// <summary>The row of the self-assessment form that holds this tool.</summary>
    private static int LineIndex(string html, Guid toolId) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(html, $"name=\"Data\\[(\\d+)\\]\\.ToolId\" value=\"{toolId}\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What a browser posts for each level select of the self-assessment form: its selected option.</summary>
    private static IEnumerable<(string Name, string Value)> ChosenLevels(string html, int except) =>
        System.Text.RegularExpressions.Regex.Matches(html.ReplaceLineEndings(" "), "<select id=\"level-(\\d+)\" name=\"(?<name>[^\"]+)\"[^>]*>(?<options>.*?)</select>")
            .Where(m => m.Groups[1].Value != except.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(m => (m.Groups["name"].Value, System.Text.RegularExpressions.Regex.Match(m.Groups["options"].Value, "<option value=\"(\\d)\" selected").Groups[1].Value));

    private static void AssertRefused(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    private static async Task<string> TextAsync(HttpClient client, string path) => WebUtility.HtmlDecode(await client.GetStringAsync(path));

    [Fact]
    public async Task HR_pages_render_for_HR_and_the_privacy_page_for_the_admin()
    {
        var hr = await HumanResourcesAsync();
        var team = await (await AdminAsync()).UnitIdAsync("Pflegeteam Nord");
        Assert.Contains("Mehmet Yılmaz", await TextAsync(hr, $"/skills/assignments?unitId={team}"), StringComparison.Ordinal);
        Assert.Contains("Änderungsprotokoll", await TextAsync(hr, "/skills/audit"), StringComparison.Ordinal);
        Assert.Contains("DigComp", await TextAsync(hr, "/skills/tools/edit"), StringComparison.Ordinal);
        Assert.Contains("Mindestgruppengröße", await TextAsync(await AdminAsync(), "/admin/skills-privacy"), StringComparison.Ordinal);
        AssertRefused(await hr.GetAsync("/admin/skills-privacy"));
    }

    [Fact]
    public async Task A_lead_confirms_a_members_level_on_the_page_only_while_the_organisation_allows_it()
    {
        var lead = await TeamLeadAsync();
        Assert.Contains("Einzelne Kompetenzstufen sind in Ihrer Organisation privat", await TextAsync(lead, "/skills/team"), StringComparison.Ordinal);

        var admin = await AdminAsync();
        var settings = await admin.GetOkAsync<PrivacyDto>("/api/skills/privacy");
        try
        {
            (await admin.PutAsJsonAsync("/api/skills/privacy", new { minimumGroupSize = 5, individualProficiencyVisibleToLeads = true, settings.Version })).EnsureSuccessStatusCode();
            var mehmet = await admin.PersonIdAsync("Yılmaz");
            var html = await lead.GetStringAsync($"/skills/team?personId={mehmet}");
            Assert.Contains("Mehmet Yılmaz", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
            var token = await CodexApplicationFactory.AntiforgeryTokenAsync(lead, $"/skills/team?personId={mehmet}");
            var line = (await lead.GetOkAsync<PersonSkillsDto>($"/api/skills/people/{mehmet}")).Lines.First(l => l.RequiredLevel > 0);
            var response = await lead.PostAsync($"/skills/team?personId={mehmet}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["toolId"] = line.ToolId.ToString(),
                ["level"] = "3",
                ["version"] = line.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var confirmed = (await lead.GetOkAsync<PersonSkillsDto>($"/api/skills/people/{mehmet}")).Lines.Single(l => l.ToolId == line.ToolId);
            Assert.True(confirmed.ConfirmedByLead);
            Assert.Equal(3, confirmed.CurrentLevel);
        }
        finally
        {
            var current = await admin.GetOkAsync<PrivacyDto>("/api/skills/privacy");
            (await admin.PutAsJsonAsync("/api/skills/privacy", new { minimumGroupSize = 5, individualProficiencyVisibleToLeads = false, current.Version })).EnsureSuccessStatusCode();
        }
    }

    private sealed record PrivacyDto(int MinimumGroupSize, bool IndividualProficiencyVisibleToLeads, int Version);

    private sealed record LineDto(Guid ToolId, int RequiredLevel, int CurrentLevel, bool ConfirmedByLead, int Version);

    private sealed record PersonSkillsDto(List<LineDto> Lines);
}

[Collection(IntegrationCollection.Name)]
public sealed class SkillsPageTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : SkillsPageTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;
