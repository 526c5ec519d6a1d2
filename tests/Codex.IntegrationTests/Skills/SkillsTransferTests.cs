using System.Net;
using System.Net.Http.Json;
using System.Text;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Persistence;
using Codex.Shared.Tables;

namespace Codex.IntegrationTests.Skills;

/// <summary>CSV/XLSX export and the validate-everything-first import.</summary>
public abstract class SkillsTransferTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    [Fact]
    public async Task The_matrix_exports_roles_as_rows_and_tools_as_columns_in_csv_and_xlsx()
    {
        var hr = await HumanResourcesAsync();
        var csv = Encoding.UTF8.GetString(await hr.GetByteArrayAsync("/api/skills/export/Matrix.Csv")).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Role;", lines[0], StringComparison.Ordinal);
        Assert.Contains("Pflegedokumentation (Tablet-App)", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("Pflegefachkraft;", StringComparison.Ordinal) && l.Contains("3*", StringComparison.Ordinal));

        var sheet = Xlsx.Read(new MemoryStream(await hr.GetByteArrayAsync("/api/skills/export/Matrix.Xlsx")));
        Assert.Equal("Role", sheet[0][0]);
        Assert.Equal(lines.Length, sheet.Count);
    }

    [Fact]
    public async Task A_tool_description_starting_with_a_formula_is_neutralised_in_the_csv_export()
    {
        var hr = await HumanResourcesAsync();
        var create = await hr.PostAsJsonAsync("/api/skills/tools", new { name = "Formeltest", category = "Office", lifecycle = "InUse", description = "=HYPERLINK(\"http://evil.example\",\"klick\")" });
        await create.AssertStatusAsync(HttpStatusCode.Created);

        var csv = Encoding.UTF8.GetString(await hr.GetByteArrayAsync("/api/skills/export/Tools.Csv"));
        var line = csv.Split("\r\n").Single(l => l.StartsWith("Formeltest;", StringComparison.Ordinal));
        Assert.Contains(";\"'=HYPERLINK(", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_with_any_bad_row_reports_every_error_by_row_and_column_and_imports_nothing()
    {
        var hr = await HumanResourcesAsync();
        var before = await hr.GetOkAsync<MatrixDto>("/api/skills/matrix");
        var csv = "Role;Pflegedokumentation (Tablet-App);Gibt-es-nicht\r\n" +
                  "Pflegefachkraft;4*;\r\n" +
                  "Pflegehilfskraft;7;\r\n" +
                  "Hausmeister:in;1;\r\n";

        var result = await ImportAsync(hr, "Matrix", "matrix.csv", Encoding.UTF8.GetBytes(csv), apply: true);

        Assert.False(result.Applied);
        Assert.Contains(result.Errors, e => e.Row == 1 && e.Column.StartsWith("C", StringComparison.Ordinal) && e.MessageKey == "Import.UnknownTool");
        Assert.Contains(result.Errors, e => e.Row == 3 && e.Column.StartsWith("B", StringComparison.Ordinal) && e.MessageKey == "Import.BadLevel" && e.Value == "7");
        Assert.Contains(result.Errors, e => e.Row == 4 && e.Column.StartsWith("A", StringComparison.Ordinal) && e.MessageKey == "Import.UnknownRole");
        var after = await hr.GetOkAsync<MatrixDto>("/api/skills/matrix");
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task A_valid_import_previews_its_changes_first_and_applies_them_on_confirmation()
    {
        var hr = await HumanResourcesAsync();
        var csv = "Name,Description\r\nHauswirtschaft,\"Einkauf, Küche\"\r\nVerwaltung,Personal und Abrechnung\r\n";

        var preview = await ImportAsync(hr, "Roles", "rollen.csv", Encoding.UTF8.GetBytes(csv), apply: false);
        Assert.Empty(preview.Errors);
        Assert.False(preview.Applied);
        Assert.Contains(preview.Changes, c => c.Subject == "Hauswirtschaft" && c.OldValue == null);
        Assert.DoesNotContain(await hr.GetOkAsync<List<RoleDto>>("/api/skills/roles"), r => r.Name == "Hauswirtschaft");

        var applied = await ImportAsync(hr, "Roles", "rollen.csv", Encoding.UTF8.GetBytes(csv), apply: true);
        Assert.True(applied.Applied);
        Assert.Contains(await hr.GetOkAsync<List<RoleDto>>("/api/skills/roles"), r => r.Name == "Hauswirtschaft" && r.Description == "Einkauf, Küche");
    }

    [Fact]
    public async Task Tools_import_rejects_unknown_categories_competences_and_unsafe_links_and_reads_xlsx()
    {
        var hr = await HumanResourcesAsync();
        string[][] rows =
        [
            ["Name", "Category", "Description", "GuideUrl", "Lifecycle", "Competences"],
            ["Zeiterfassung", "Scheduling", "Arbeitszeit buchen", "/intranet/zeit", "BeingIntroduced", "2.1"],
            ["Kaputt", "Küche", "", "javascript:alert(1)", "InUse", "9.9"],
        ];
        var file = Xlsx.Write("Tools", rows);
        var result = await ImportAsync(hr, "Tools", "werkzeuge.xlsx", file, apply: true);

        Assert.False(result.Applied);
        Assert.Equal(["Import.BadValue", "Import.BadLink", "Import.UnknownCompetence"], result.Errors.Where(e => e.Row == 3).Select(e => e.MessageKey).ToArray());
        var garbage = await ImportAsync(hr, "Tools", "werkzeuge.xlsx", [1, 2, 3], apply: false);
        Assert.Equal("Import.Unreadable", Assert.Single(garbage.Errors).MessageKey);
    }

    [Fact]
    public async Task A_member_can_neither_export_nor_import()
    {
        var member = await MemberAsync();
        await (await member.GetAsync("/api/skills/export/Assignments.Csv")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var response = await member.PostAsync("/api/skills/import/Roles?fileName=r.csv", new ByteArrayContent(Encoding.UTF8.GetBytes("Name;Description\r\nX;Y\r\n")));
        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    private static async Task<ImportResultDto> ImportAsync(HttpClient client, string kind, string fileName, byte[] content, bool apply)
    {
        var response = await client.PostAsync($"/api/skills/import/{kind}?fileName={Uri.EscapeDataString(fileName)}&apply={apply}", new ByteArrayContent(content));
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<ImportResultDto>(CodexApi.Json))!;
    }

    private sealed record ImportErrorDto(int Row, string Column, string MessageKey, string Value);

    private sealed record ImportChangeDto(string Subject, string? OldValue, string NewValue);

    private sealed record ImportResultDto(List<ImportErrorDto> Errors, List<ImportChangeDto> Changes, bool Applied);

    private sealed record MatrixDto(int Version);

    private sealed record RoleDto(Guid Id, string Name, string Description);
}

[Collection(IntegrationCollection.Name)]
public sealed class SkillsTransferTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : SkillsTransferTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class SkillsTransferTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : SkillsTransferTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
