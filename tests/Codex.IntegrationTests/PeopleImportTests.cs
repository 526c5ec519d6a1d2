using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Codex.IntegrationTests.Infrastructure;
using Codex.Shared.Outbox;
using Codex.Shared.Persistence;
using Codex.Shared.Tables;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.IntegrationTests;

/// <summary>
/// The people import as HR systems export it: everything is checked first (every error by row
/// and column, nothing changed while one remains), matching by staff number then email, both
/// modes, moves, leavers, role assignments reaching Skills, and membership changes reaching the
/// other modules through the outbox.
/// </summary>
public abstract class PeopleImportTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    private const string Header = "Personalnummer;Vorname;Nachname;E-Mail;Einheit;Leitung;Rolle;Sprache;Status";

    internal static string Tag() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Every_kind_of_row_error_is_reported_by_row_and_column_and_nothing_is_imported()
    {
        var hr = await HumanResourcesAsync();
        var t = Tag();
        var organisation = await hr.UnitIdAsync(CodexApi.DemoOrganisation);
        var twinA = await hr.CreateUnitAsync($"Bereich A {t}", "Department", organisation);
        var twinB = await hr.CreateUnitAsync($"Bereich B {t}", "Department", organisation);
        await hr.CreateUnitAsync($"Zwilling {t}", "Team", twinA);
        await hr.CreateUnitAsync($"Zwilling {t}", "Team", twinB);
        var taken = $"vergeben-{t}@codex-tests.example";
        await hr.CreatePersonAsync("Vera", "Vergeben", taken);
        await ApplyOkAsync(hr, Csv($"S1-{t};Sven;Stamm;stamm-{t}@codex-tests.example;;;;;"), "AddAndUpdate");
        await ApplyOkAsync(hr, Csv($"S3-{t};Gerd;Gegangen;gegangen-{t}@codex-tests.example;;;;;"), "AddNewOnly");
        await ApplyOkAsync(hr, Csv($"S4-{t};Ina;Inaktiv;inaktiv-{t}@codex-tests.example;;;;;"), "AddAndUpdate");
        await ApplyOkAsync(hr, Csv($"S4-{t};Ina;Inaktiv;inaktiv-{t}@codex-tests.example;;;;;ausgetreten"), "AddAndUpdate");
        var mail = (string name) => $"{name}-{t}@codex-tests.example";
        var file = Csv(
            $";;Ohnevorname;{mail("a")};;;;;",                                   // row 2: first name missing
            $";Berta;Beispiel;keine-adresse;;;;;",                                 // row 3: bad email
            $";Carl;Christ;{mail("c")};Gibt es nicht {t};;;;",                     // row 4: unknown unit
            $";Dora;Doppelt;{mail("d")};Zwilling {t};;;;",                         // row 5: ambiguous unit
            $";Emil;Ernst;{mail("e")};Pflegeteam Nord;vielleicht;;;",              // row 6: bad lead flag
            $";Frida;Frei;{mail("f")};;;Astronaut:in;;",                           // row 7: unknown role
            $";Gustav;Gans;{mail("g")};;;;klingonisch;",                           // row 8: bad language
            $";Hanna;Hell;{mail("h")};;;;;verschollen",                            // row 9: bad status
            $";Ida;Ideal;{mail("i")};;ja;;;",                                      // row 10: lead without unit
            $"D-{t};Jan;Jung;{mail("j1")};;;;;",                                   // row 11
            $"D-{t};Jana;Jung;{mail("j2")};;;;;",                                  // row 12: duplicate staff number
            $";Kai;Klein;{mail("k")};;;;;",                                        // row 13
            $";Kim;Klein;{mail("K")};;;;;",                                        // row 14: duplicate email (case-insensitive)
            $"S1-{t};Sven;Stamm;{taken};;;;;",                                     // row 15: email belongs to another person
            $"X-{t};Gerd;Gegangen;gegangen-{t}@codex-tests.example;;;;;",          // row 16: email's person has another staff number
            $"S4-{t};Ina;Inaktiv;inaktiv-{t}@codex-tests.example;;;;;",            // row 17: the person has left
            $";{new string('L', 101)};Lang;{mail("l")};;;;;",                      // row 18: too long
            $";Neu;Gültig;{mail("ok")};Pflegeteam Nord;;;;");                      // row 19: fine on its own

        var response = await PostAsync(hr, "/api/people/import", "fehler.csv", file, "AddAndUpdate");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("rowErrors").Deserialize<List<ErrorDto>>(CodexApi.Json)!;
        AssertError(errors, 2, "B", "Import.Required");
        AssertError(errors, 3, "D", "Import.BadEmail");
        AssertError(errors, 4, "E", "Import.UnknownUnit");
        AssertError(errors, 5, "E", "Import.AmbiguousUnit");
        AssertError(errors, 6, "F", "Import.BadFlag");
        AssertError(errors, 7, "G", "Import.UnknownRole");
        AssertError(errors, 8, "H", "Import.BadLanguage");
        AssertError(errors, 9, "I", "Import.BadStatus");
        AssertError(errors, 10, "F", "Import.LeadWithoutUnit");
        AssertError(errors, 12, "A", "Import.DuplicateStaffNumber");
        AssertError(errors, 14, "D", "Import.DuplicateEmail");
        AssertError(errors, 15, "D", "Import.EmailTaken");
        AssertError(errors, 16, "A", "Import.StaffNumberMismatch");
        AssertError(errors, 17, "I", "Import.PersonInactive");
        AssertError(errors, 18, "B", "Import.TooLong");
        Assert.DoesNotContain(errors, e => e.Row == 19 || e.Row == 11 || e.Row == 13);
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
        Assert.Empty((await hr.PeopleAsync("search=" + mail("ok"))).Items);
        Assert.Empty((await hr.PeopleAsync("search=" + mail("j1"))).Items);
    }

    [Fact]
    public async Task A_file_without_a_required_column_or_that_is_no_table_at_all_is_refused_as_a_whole()
    {
        var hr = await HumanResourcesAsync();

        var missing = await PostAsync(hr, "/api/people/import/preview", "ohne-mail.csv", Encoding.UTF8.GetBytes("Vorname;Nachname\r\nA;B\r\n"), "AddNewOnly");
        var garbage = await PostAsync(hr, "/api/people/import/preview", "kaputt.xlsx", [1, 2, 3, 4], "AddNewOnly");
        var unclosed = await PostAsync(hr, "/api/people/import/preview", "offen.csv", Encoding.UTF8.GetBytes("Vorname;Nachname;E-Mail\r\n\"A;B;c@d.example\r\n"), "AddNewOnly");

        var missingErrors = await RowErrorsAsync(missing);
        Assert.Contains(missingErrors, e => e.Row == 1 && e.Code == "Import.MissingColumn" && e.Value == "E-Mail");
        Assert.Contains(await RowErrorsAsync(garbage), e => e.Row == 1 && e.Code == "Import.Unreadable");
        Assert.Contains(await RowErrorsAsync(unclosed), e => e.Row == 1 && e.Code == "Import.Unreadable");
    }

    [Fact]
    public async Task Add_new_only_creates_the_new_people_and_leaves_existing_ones_as_they_are()
    {
        var hr = await HumanResourcesAsync();
        var t = Tag();
        var existingMail = $"bestand-{t}@codex-tests.example";
        var existing = await hr.CreatePersonAsync("Bernd", "Bestand", existingMail);
        var file = Csv(
            $";Bernd;Umbenannt;{existingMail};Pflegeteam Süd;;;;",
            $"N-{t};Nora;Neu {t};neu-{t}@codex-tests.example;Pflegeteam Süd;nein;;en;aktiv");

        var preview = await PreviewOkAsync(hr, file, "AddNewOnly");
        Assert.Equal((2, 1, 0, 0, 1), (preview.Rows, preview.Creations, preview.Updates, preview.Moves, preview.Unchanged));
        Assert.Empty((await hr.PeopleAsync($"search=Neu {t}")).Items);

        var outcome = await ApplyOkAsync(hr, file, "AddNewOnly");

        Assert.True(outcome.Applied);
        Assert.Equal(1, outcome.People!.Created);
        var newId = await hr.PersonIdAsync($"Neu {t}");
        Assert.Equal([newId], outcome.People.CreatedPersonIds);
        var created = await hr.GetOkAsync<PersonDto>($"/api/org/people/{newId}");
        Assert.Equal(("Nora", "en", true), (created.FirstName, created.PreferredLanguage, created.IsActive));
        Assert.Equal("Pflegeteam Süd", Assert.Single(created.Units).Name);
        var untouched = await hr.GetOkAsync<PersonDto>($"/api/org/people/{existing}");
        Assert.Equal("Bestand", untouched.LastName);
        Assert.Empty(untouched.Units);
    }

    [Fact]
    public async Task Add_and_update_matches_by_staff_number_then_by_email_changes_details_and_moves_people_between_units()
    {
        var hr = await HumanResourcesAsync();
        var t = Tag();
        var mailOnly = await hr.CreatePersonAsync("Maria", "Mailmatch", $"maria-{t}@codex-tests.example");
        await ApplyOkAsync(hr, Csv($"P-{t};Paul;Personal;paul-{t}@codex-tests.example;Ambulante Pflege/Pflegeteam Nord;;;;"), "AddNewOnly");
        var paul = await hr.PersonIdAsync($"paul-{t}@");

        var file = Csv(
            $"P-{t};Paul;Neuname;paul.neu-{t}@codex-tests.example;Jugendtreff Mitte;ja;;;",
            $"M-{t};Maria;Mailmatch;MARIA-{t}@codex-tests.example;;;;en;");
        var preview = await PreviewOkAsync(hr, file, "AddAndUpdate");

        Assert.Equal((0, 2, 1), (preview.Creations, preview.Updates, preview.Moves));
        var move = Assert.Single(preview.Moved);
        Assert.Equal(("Ambulante Pflege/Pflegeteam Nord", "Kinder- und Jugendhilfe/Jugendtreff Mitte"), SplitMove(move.Detail));
        Assert.Contains(preview.Updated, u => u.Row == 2 && u.Detail.Contains("Neuname", StringComparison.Ordinal));

        var outcome = await ApplyOkAsync(hr, file, "AddAndUpdate");

        Assert.Equal((0, 2, 1), (outcome.People!.Created, outcome.People.Updated, outcome.People.Moved));
        var moved = await hr.GetOkAsync<PersonDto>($"/api/org/people/{paul}");
        Assert.Equal(("Neuname", $"paul.neu-{t}@codex-tests.example"), (moved.LastName, moved.Email));
        var unit = Assert.Single(moved.Units);
        Assert.Equal(("Jugendtreff Mitte", true), (unit.Name, unit.IsLead));
        Assert.Equal("en", (await hr.GetOkAsync<PersonDto>($"/api/org/people/{mailOnly}")).PreferredLanguage);

        // Maria now has a staff number: matched by it, a changed address is an update, not a new person.
        var again = await PreviewOkAsync(hr, Csv($"M-{t};Maria;Mailmatch;maria.anders-{t}@codex-tests.example;;;;en;"), "AddAndUpdate");
        Assert.Equal((0, 1), (again.Creations, again.Updates));
        var unchanged = await PreviewOkAsync(hr, file, "AddAndUpdate");
        Assert.False(unchanged.HasChanges);
    }

    [Fact]
    public async Task A_windows_1252_file_keeps_its_umlauts()
    {
        var hr = await HumanResourcesAsync();
        var t = Tag();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(1252).GetBytes(
            $"Personalnummer;Vorname;Nachname;E-Mail;Einheit\r\nW-{t};Jürgen;Müller-Weiß {t};juergen-{t}@codex-tests.example;Pflegeteam Süd\r\n");
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes));

        var outcome = await ApplyOkAsync(hr, bytes, "AddNewOnly", "hr-export.csv");

        Assert.Equal(1, outcome.People!.Created);
        var person = await hr.GetOkAsync<PersonDto>($"/api/org/people/{await hr.PersonIdAsync($"juergen-{t}@")}");
        Assert.Equal(("Jürgen", $"Müller-Weiß {t}", "Pflegeteam Süd"), (person.FirstName, person.LastName, person.Units.Single().Name));
    }

    [Fact]
    public async Task An_xlsx_export_with_english_headers_is_read_too()
    {
        var hr = await HumanResourcesAsync();
        var t = Tag();
        string[][] rows = [["Staff number", "First name", "Last name", "Email", "Unit", "Lead", "Language"],
            [$"X-{t}", "Xenia", $"Excel {t}", $"xenia-{t}@codex-tests.example", "Schuldnerberatung", "yes", "English"]];
        var workbook = Xlsx.Write("Staff", rows);

        await ApplyOkAsync(hr, workbook, "AddNewOnly", "staff.xlsx");

        var person = await hr.GetOkAsync<PersonDto>($"/api/org/people/{await hr.PersonIdAsync($"Excel {t}")}");
        Assert.Equal(("en", "Schuldnerberatung", true), (person.PreferredLanguage, person.Units.Single().Name, person.Units.Single().IsLead));
    }

    [Fact]
    public async Task Imported_roles_reach_skills_and_imported_memberships_reach_the_team_codex_through_the_outbox()
    {
        var hr = await HumanResourcesAsync();
        var t = Tag();
        var roles = await hr.GetOkAsync<List<RoleDto>>("/api/skills/roles");
        var nurse = roles.Single(r => r.Name == "Pflegefachkraft");
        var team = await hr.UnitIdAsync("Pflegeteam Nord");

        await ApplyOkAsync(hr, Csv($"R-{t};Rita;Rolle {t};rita-{t}@codex-tests.example;Pflegeteam Nord;;pflegefachkraft;;"), "AddNewOnly");

        var rita = await hr.PersonIdAsync($"Rolle {t}");
        Assert.Contains(rita, await hr.GetOkAsync<List<Guid>>($"/api/skills/roles/{nurse.Id}/holders"));
        await DispatchOutboxAsync();
        Assert.Contains(await hr.ParticipantsAsync(team), p => p.PersonId == rita);
    }

    [Fact]
    public async Task The_import_marks_a_person_as_left_which_ends_their_roles_in_skills()
    {
        var hr = await HumanResourcesAsync();
        var t = Tag();
        var admin = (await hr.GetOkAsync<List<RoleDto>>("/api/skills/roles")).Single(r => r.Name == "Verwaltung");
        await ApplyOkAsync(hr, Csv($"L-{t};Lotte;Leaver {t};lotte-{t}@codex-tests.example;Pflegeteam Süd;;Verwaltung;;"), "AddNewOnly");
        var lotte = await hr.PersonIdAsync($"Leaver {t}");

        var file = Encoding.UTF8.GetBytes($"Personalnummer;Vorname;Nachname;E-Mail;Ausgetreten\r\nL-{t};Lotte;Leaver {t};lotte-{t}@codex-tests.example;x\r\n");
        var preview = await PreviewOkAsync(hr, file, "AddAndUpdate");
        Assert.Equal(1, preview.Leavers);
        Assert.Equal(1, (await ApplyOkAsync(hr, file, "AddAndUpdate")).People!.Left);

        Assert.False((await hr.GetOkAsync<PersonDto>($"/api/org/people/{lotte}")).IsActive);
        await DispatchOutboxAsync();
        Assert.DoesNotContain(lotte, await hr.GetOkAsync<List<Guid>>($"/api/skills/roles/{admin.Id}/holders"));
        Assert.False((await PreviewOkAsync(hr, file, "AddAndUpdate")).HasChanges);
    }

    [Fact]
    public async Task Members_and_team_leads_may_not_import_people()
    {
        var file = Csv($";A;B;x-{Tag()}@codex-tests.example;;;;;");
        foreach (var client in new[] { await MemberAsync(), await TeamLeadAsync() })
        {
            await (await PostAsync(client, "/api/people/import/preview", "p.csv", file, "AddNewOnly")).AssertProblemAsync(HttpStatusCode.Forbidden);
            await (await PostAsync(client, "/api/people/import", "p.csv", file, "AddNewOnly")).AssertProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task A_request_without_a_file_or_with_an_unknown_mode_is_a_validation_problem()
    {
        var hr = await HumanResourcesAsync();
        var file = Csv($";A;B;x-{Tag()}@codex-tests.example;;;;;");

        var noMode = await PostAsync(hr, "/api/people/import/preview", "p.csv", file, "Everything");
        var wrongType = await PostAsync(hr, "/api/people/import/preview", "p.txt", file, "AddNewOnly");

        Assert.Contains("mode", await noMode.AssertValidationProblemAsync());
        Assert.Contains("fileName", await wrongType.AssertValidationProblemAsync());
    }

    private static byte[] Csv(params string[] rows) => Encoding.UTF8.GetBytes(Header + "\r\n" + string.Join("\r\n", rows) + "\r\n");

    private static void AssertError(List<ErrorDto> errors, int row, string columnLetter, string code) =>
        Assert.True(
            errors.Any(e => e.Row == row && e.Column.StartsWith(columnLetter + " ", StringComparison.Ordinal) && e.Code == code),
            $"Expected {code} at row {row}, column {columnLetter}. Got: {JsonSerializer.Serialize(errors, CodexApi.Json)}");

    private static (string From, string To) SplitMove(string detail)
    {
        var parts = detail.Split(" → ");
        return (parts[0], parts[1].Split(" (")[0]);
    }

    [Fact]
    public async Task The_people_an_import_creates_can_be_invited_to_Codex_right_away()
    {
        var hr = await HumanResourcesAsync();
        var t = Guid.NewGuid().ToString("N")[..8];
        var file = Csv($"E1-{t};Ella;Einladung;ella-{t}@codex-tests.example;;;;;", $"E2-{t};Emil;Einladung;emil-{t}@codex-tests.example;;;;en;");

        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(file), "file", "neue.csv");
        form.Add(new StringContent("AddNewOnly"), "mode");
        form.Add(new StringContent("true"), "invite");
        var response = await hr.PostAsync("/api/people/import", form);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var outcome = (await response.Content.ReadFromJsonAsync<InvitingOutcomeDto>(CodexApi.Json))!;

        Assert.Equal(2, outcome.People!.Created);
        Assert.Equal(2, outcome.Invitations!.Invited);
        var accounts = await hr.GetStringAsync("/api/accounts?search=" + Uri.EscapeDataString($"{t}@codex-tests.example"));
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(accounts, "\"status\":\"Invited\"").Count);
    }

    private sealed record InvitationsDto(int Invited, int Resent);

    private sealed record InvitingOutcomeDto(bool Applied, AppliedDto? People, InvitationsDto? Invitations);

    internal static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string fileName, byte[] content, string mode)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(content), "file", fileName);
        form.Add(new StringContent(mode), "mode");
        return await client.PostAsync(url, form);
    }

    private static async Task<List<ErrorDto>> RowErrorsAsync(HttpResponseMessage response)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        return problem.GetProperty("rowErrors").Deserialize<List<ErrorDto>>(CodexApi.Json)!;
    }

    internal static async Task<PreviewDto> PreviewOkAsync(HttpClient client, byte[] file, string mode)
    {
        var response = await PostAsync(client, "/api/people/import/preview", "personen.csv", file, mode);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<PreviewDto>(CodexApi.Json))!;
    }

    internal static async Task<OutcomeDto> ApplyOkAsync(HttpClient client, byte[] file, string mode, string fileName = "personen.csv")
    {
        var response = await PostAsync(client, "/api/people/import", fileName, file, mode);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<OutcomeDto>(CodexApi.Json))!;
    }

    private async Task DispatchOutboxAsync()
    {
        using var scope = Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new DispatchOutboxCommand());
    }

    internal sealed record ErrorDto(int Row, string Column, string Code, string Message, string Value);

    internal sealed record ItemDto(int Row, string Name, string Email, string Detail);

    internal sealed record PreviewDto(
        int Rows, int Creations, int Updates, int Moves, int Leavers, int RoleAssignments, int Unchanged, bool HasChanges,
        List<ItemDto> Created, List<ItemDto> Updated, List<ItemDto> Moved, List<ItemDto> Left)
    {
        public const int ListCap = 200;
    }

    internal sealed record AppliedDto(int Created, int Updated, int Moved, int Left, List<Guid> CreatedPersonIds);

    internal sealed record OutcomeDto(bool Applied, AppliedDto? People, int RolesAssigned);

    private sealed record PersonUnitDto(Guid OrgUnitId, string Name, bool IsLead);

    private sealed record PersonDto(Guid Id, string FirstName, string LastName, string Email, string PreferredLanguage, bool IsActive, List<PersonUnitDto> Units);

    private sealed record RoleDto(Guid Id, string Name);
}

[Collection(IntegrationCollection.Name)]
public sealed class PeopleImportTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : PeopleImportTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class PeopleImportTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : PeopleImportTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;

/// <summary>
/// A whole staff list at once. In a class (and host) of its own: the thousands of events the import
/// writes are delivered in the background for minutes, and other tests' events would queue behind them.
/// </summary>
public abstract class PeopleImportLargeFileTests(DatabaseProvider provider, PostgresFixture postgres, SharedHost host)
    : HostTest(provider, postgres, host)
{
    [Fact]
    public async Task A_2000_row_file_is_checked_previewed_and_applied_in_one_go()
    {
        var hr = await HumanResourcesAsync();
        var t = PeopleImportTests.Tag();
        var organisation = await hr.UnitIdAsync(CodexApi.DemoOrganisation);
        var department = await hr.CreateUnitAsync($"Großimport {t}", "Department", organisation);
        for (var i = 0; i < 4; i++)
        {
            await hr.CreateUnitAsync($"Team {i} {t}", "Team", department);
        }

        var lines = Enumerable.Range(0, 2000).Select(i =>
            $"G{i:0000}-{t},Vor{i},Nach {t},g{i}-{t}@codex-tests.example,Großimport {t}/Team {i % 4} {t},{(i < 4 ? "ja" : "nein")},{(i % 2 == 0 ? "Pflegefachkraft" : "Verwaltung")},de");
        var file = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(
            "Personalnummer,Vorname,Nachname,E-Mail,Einheit,Leitung,Rolle,Sprache\r\n" + string.Join("\r\n", lines))).ToArray();

        var preview = await PeopleImportTests.PreviewOkAsync(hr, file, "AddAndUpdate");
        Assert.Equal((2000, 2000, 2000), (preview.Rows, preview.Creations, preview.RoleAssignments));
        Assert.Equal(PeopleImportTests.PreviewDto.ListCap, preview.Created.Count);

        var outcome = await PeopleImportTests.ApplyOkAsync(hr, file, "AddAndUpdate");

        Assert.Equal((2000, 2000), (outcome.People!.Created, outcome.RolesAssigned));
        Assert.Equal(2000, (await hr.PeopleAsync($"search=Nach {t}&pageSize=10")).TotalCount);
        var team0 = await hr.UnitAsync(await hr.UnitIdAsync($"Team 0 {t}"));
        Assert.Equal(500, team0.Members.Count);
        Assert.Single(team0.Members, m => m.IsLead);
        var again = await PeopleImportTests.PreviewOkAsync(hr, file, "AddAndUpdate");
        Assert.Equal((0, 0, 0, 2000), (again.Creations, again.Updates, again.RoleAssignments, again.Unchanged));
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class PeopleImportLargeFileTestsOnSqlite(PostgresFixture postgres, SharedHost host)
    : PeopleImportLargeFileTests(DatabaseProvider.Sqlite, postgres, host), IClassFixture<SharedHost>;

[Collection(IntegrationCollection.Name)]
public sealed class PeopleImportLargeFileTestsOnPostgreSql(PostgresFixture postgres, SharedHost host)
    : PeopleImportLargeFileTests(DatabaseProvider.PostgreSql, postgres, host), IClassFixture<SharedHost>;
