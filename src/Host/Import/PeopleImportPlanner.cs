using System.Globalization;
using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Contracts;
using Codex.Shared.Tables;
using MediatR;
using Microsoft.Extensions.Localization;

namespace Codex.Host.Import;

/// <summary>
/// Reads a people file, checks every row and works out what importing it would change. Whatever
/// the file's size it asks the modules a fixed number of questions (units, roles, the people the
/// file could mean, the roles they hold), never one per row.
/// </summary>
internal sealed class PeopleImportPlanner(IMediator mediator, IStringLocalizer<SharedTexts> texts)
{
    public const int MaxRows = 10_000;

    private readonly List<PeopleImportError> _errors = [];
    private Dictionary<Field, (int Index, string Header)> _columns = [];

    private enum Field
    {
        StaffNumber,
        FirstName,
        LastName,
        Email,
        Unit,
        Lead,
        Role,
        Language,
        Status,
        Left,
    }

    /// <summary>Header names as HR systems write them, German and English, compared without case, spaces, dashes or dots.</summary>
    private static readonly Dictionary<string, Field> Headers = new(StringComparer.Ordinal)
    {
        ["personalnummer"] = Field.StaffNumber, ["persnr"] = Field.StaffNumber, ["personalnr"] = Field.StaffNumber,
        ["staffnumber"] = Field.StaffNumber, ["employeeid"] = Field.StaffNumber, ["employeenumber"] = Field.StaffNumber,
        ["vorname"] = Field.FirstName, ["firstname"] = Field.FirstName, ["givenname"] = Field.FirstName,
        ["nachname"] = Field.LastName, ["familienname"] = Field.LastName, ["lastname"] = Field.LastName, ["surname"] = Field.LastName,
        ["email"] = Field.Email, ["emailadresse"] = Field.Email, ["emailaddress"] = Field.Email, ["mail"] = Field.Email,
        ["einheit"] = Field.Unit, ["organisationseinheit"] = Field.Unit, ["unit"] = Field.Unit, ["orgunit"] = Field.Unit, ["team"] = Field.Unit,
        ["leitung"] = Field.Lead, ["teamleitung"] = Field.Lead, ["lead"] = Field.Lead, ["islead"] = Field.Lead,
        ["rolle"] = Field.Role, ["stellenrolle"] = Field.Role, ["role"] = Field.Role, ["jobrole"] = Field.Role,
        ["sprache"] = Field.Language, ["language"] = Field.Language, ["preferredlanguage"] = Field.Language,
        ["status"] = Field.Status,
        ["ausgetreten"] = Field.Left, ["left"] = Field.Left,
    };

    private static readonly HashSet<string> Yes = new(["ja", "j", "yes", "y", "x", "1", "true", "wahr"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> No = new(["", "nein", "n", "no", "0", "false", "falsch"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> Active = new(["", "aktiv", "active"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> LeftValues = new(["ausgetreten", "left", "inaktiv", "inactive"], StringComparer.OrdinalIgnoreCase);

    private const int NameMaxLength = 100;
    private const int EmailMaxLength = 254;
    private const int StaffNumberMaxLength = 50;

    public sealed record Plan(PeopleImportPreview Preview, IReadOnlyList<ImportedPerson> People, IReadOnlyList<PersonRole> Roles);

    private sealed record Row(
        int Number, string StaffNumber, string FirstName, string LastName, string Email, Guid? UnitId, bool? IsLead,
        RoleSummary? Role, string? Language, bool Left)
    {
        public string Name => $"{FirstName} {LastName}";

        public string NormalizedEmail => Email.ToLowerInvariant();
    }

    public async Task<Plan> PlanAsync(IPeopleImportFile file, CancellationToken ct)
    {
        List<string[]> table;
        try
        {
            table = TableFile.Read(file.FileName, file.Content);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A broken or foreign file (unclosed quote, not a workbook) is the user's input like any other error.
            return Failed("Import.Unreadable", file.FileName);
        }

        table = [.. table.Select(r => r.Select(v => Csv.Unneutralise(v.Trim())).ToArray())];
        if (table.Count < 2)
        {
            return Failed("Import.Empty", "");
        }

        if (table.Count - 1 > MaxRows)
        {
            return Failed("Import.TooManyRows", (table.Count - 1).ToString(CultureInfo.InvariantCulture));
        }

        if (!ReadHeader(table[0]))
        {
            return new Plan(Preview(table.Count - 1), [], []);
        }

        var units = UnitPaths.From(await mediator.Send(new GetOrgUnitsQuery(), ct));
        var roles = (await mediator.Send(new GetRoleListQuery(), ct))
            .GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var rows = new List<Row>(table.Count);
        for (var i = 1; i < table.Count; i++)
        {
            if (ReadRow(table[i], i + 1, units, roles) is { } row)
            {
                rows.Add(row);
            }
        }

        CheckDuplicates(rows);
        var candidates = await mediator.Send(
            new FindPeopleForImportQuery(
                [.. rows.Where(r => r.StaffNumber.Length > 0).Select(r => r.StaffNumber)],
                [.. rows.Select(r => r.Email)]),
            ct);
        var byStaffNumber = candidates.Where(c => c.StaffNumber is not null).ToDictionary(c => c.StaffNumber!, StringComparer.Ordinal);
        var byEmail = candidates.ToDictionary(c => c.Email.ToLowerInvariant(), StringComparer.Ordinal);
        var matches = rows.ToDictionary(r => r.Number, r => Match(r, byStaffNumber, byEmail, file.Mode));
        var held = (await mediator.Send(
                new GetRolesOfPeopleForImportQuery([.. matches.Values.Where(m => m is not null).Select(m => m!.PersonId).Distinct()]), ct))
            .ToHashSet();

        if (_errors.Count > 0)
        {
            return new Plan(Preview(table.Count - 1), [], []);
        }

        return Build(table.Count - 1, rows, matches, held, units, file.Mode);
    }

    private Plan Failed(string code, string value)
    {
        Error(1, "", code, value);
        return new Plan(Preview(0), [], []);
    }

    private bool ReadHeader(string[] header)
    {
        _columns = [];
        for (var i = 0; i < header.Length; i++)
        {
            var key = new string([.. header[i].Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);
            if (!Headers.TryGetValue(key, out var field))
            {
                continue; // HR exports carry many more columns; those are not ours.
            }

            if (_columns.ContainsKey(field))
            {
                Error(1, Column(i, header[i]), "Import.DuplicateColumn", header[i]);
                continue;
            }

            _columns[field] = (i, header[i]);
        }

        foreach (var required in new[] { Field.FirstName, Field.LastName, Field.Email })
        {
            if (!_columns.ContainsKey(required))
            {
                Error(1, "", "Import.MissingColumn", texts["Column." + required]);
            }
        }

        if (_columns.ContainsKey(Field.Status) && _columns.ContainsKey(Field.Left))
        {
            Error(1, ColumnOf(Field.Left), "Import.DuplicateColumn", _columns[Field.Left].Header);
        }

        return _errors.Count == 0;
    }

    private Row? ReadRow(string[] cells, int number, UnitPaths units, Dictionary<string, RoleSummary> roles)
    {
        var errorsBefore = _errors.Count;
        var staffNumber = Text(cells, number, Field.StaffNumber, StaffNumberMaxLength, required: false);
        var firstName = Text(cells, number, Field.FirstName, NameMaxLength, required: true);
        var lastName = Text(cells, number, Field.LastName, NameMaxLength, required: true);
        var email = Text(cells, number, Field.Email, EmailMaxLength, required: true);
        if (email.Length > 0 && !LooksLikeEmail(email))
        {
            Error(number, ColumnOf(Field.Email), "Import.BadEmail", email);
        }

        var left = false;
        if (_columns.ContainsKey(Field.Status))
        {
            var status = Cell(cells, Field.Status);
            left = LeftValues.Contains(status);
            if (!left && !Active.Contains(status))
            {
                Error(number, ColumnOf(Field.Status), "Import.BadStatus", status);
            }
        }
        else if (_columns.ContainsKey(Field.Left))
        {
            left = Flag(cells, number, Field.Left) ?? false;
        }

        Guid? unitId = null;
        var unitText = Cell(cells, Field.Unit);
        if (unitText.Length > 0)
        {
            var found = units.Find(unitText);
            if (found.Count == 0)
            {
                Error(number, ColumnOf(Field.Unit), "Import.UnknownUnit", unitText);
            }
            else if (found.Count > 1)
            {
                Error(number, ColumnOf(Field.Unit), "Import.AmbiguousUnit", unitText);
            }
            else
            {
                unitId = found[0];
            }
        }

        bool? isLead = _columns.ContainsKey(Field.Lead) ? Flag(cells, number, Field.Lead) : null;
        if (isLead == true && unitText.Length == 0)
        {
            Error(number, ColumnOf(Field.Lead), "Import.LeadWithoutUnit", Cell(cells, Field.Lead));
        }

        RoleSummary? role = null;
        var roleText = Cell(cells, Field.Role);
        if (roleText.Length > 0 && !roles.TryGetValue(roleText, out role))
        {
            Error(number, ColumnOf(Field.Role), "Import.UnknownRole", roleText);
        }

        string? language = null;
        var languageText = Cell(cells, Field.Language);
        if (languageText.Length > 0)
        {
            language = languageText.ToLowerInvariant() switch
            {
                "de" or "deutsch" or "german" or "de-de" => "de",
                "en" or "englisch" or "english" or "en-gb" or "en-us" => "en",
                _ => null,
            };
            if (language is null)
            {
                Error(number, ColumnOf(Field.Language), "Import.BadLanguage", languageText);
            }
        }

        return _errors.Count > errorsBefore
            ? null
            : new Row(number, staffNumber, firstName, lastName, email, unitId, isLead, role, language, left);
    }

    private void CheckDuplicates(List<Row> rows)
    {
        foreach (var group in rows.Where(r => r.StaffNumber.Length > 0).GroupBy(r => r.StaffNumber, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            foreach (var row in group.Skip(1))
            {
                Error(row.Number, ColumnOf(Field.StaffNumber), "Import.DuplicateStaffNumber", row.StaffNumber);
            }
        }

        foreach (var group in rows.GroupBy(r => r.NormalizedEmail, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            foreach (var row in group.Skip(1))
            {
                Error(row.Number, ColumnOf(Field.Email), "Import.DuplicateEmail", row.Email);
            }
        }
    }

    /// <summary>By staff number first, else by email; the conflicts between the two are errors.</summary>
    private ImportCandidate? Match(
        Row row, Dictionary<string, ImportCandidate> byStaffNumber, Dictionary<string, ImportCandidate> byEmail, PeopleImportMode mode)
    {
        ImportCandidate? match = null;
        if (row.StaffNumber.Length > 0)
        {
            byStaffNumber.TryGetValue(row.StaffNumber, out match);
        }

        var byMail = byEmail.GetValueOrDefault(row.NormalizedEmail);
        if (match is null && byMail is not null)
        {
            match = byMail;
            if (mode == PeopleImportMode.AddAndUpdate && row.StaffNumber.Length > 0 && byMail.StaffNumber is not null)
            {
                // The address belongs to someone with another staff number: the file and Codex disagree on who this is.
                Error(row.Number, ColumnOf(Field.StaffNumber), "Import.StaffNumberMismatch", row.StaffNumber);
            }
        }

        if (match is null || mode == PeopleImportMode.AddNewOnly)
        {
            return match;
        }

        if (byMail is not null && byMail.PersonId != match.PersonId)
        {
            Error(row.Number, ColumnOf(Field.Email), "Import.EmailTaken", row.Email);
        }

        if (!match.IsActive && !row.Left)
        {
            Error(row.Number, ColumnOf(Field.Status) is { Length: > 0 } status ? status : ColumnOf(Field.LastName), "Import.PersonInactive", row.Name);
        }

        return match;
    }

    private Plan Build(
        int rowCount, List<Row> rows, Dictionary<int, ImportCandidate?> matches, HashSet<PersonRole> held, UnitPaths units, PeopleImportMode mode)
    {
        var people = new List<ImportedPerson>();
        var roles = new List<PersonRole>();
        List<PeopleImportItem> created = [], updated = [], moved = [], leavers = [];
        int creations = 0, updates = 0, moves = 0, leaving = 0, unchanged = 0;
        var matchedTwice = matches.Values.Where(m => m is not null).GroupBy(m => m!.PersonId).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        foreach (var row in rows)
        {
            var match = matches[row.Number];
            if (match is not null && mode == PeopleImportMode.AddAndUpdate && matchedTwice.Contains(match.PersonId))
            {
                Error(row.Number, ColumnOf(Field.Email), "Import.SamePersonTwice", row.Name);
                continue;
            }

            if (match is null)
            {
                if (row.Left)
                {
                    unchanged++; // someone who left and never was here: nothing to do
                    continue;
                }

                var id = Guid.NewGuid();
                people.Add(new ImportedPerson(id, true, NullIfEmpty(row.StaffNumber), row.FirstName, row.LastName, row.Email, row.Language ?? "de", row.UnitId, row.IsLead ?? false, false));
                if (row.Role is not null)
                {
                    roles.Add(new PersonRole(id, row.Role.RoleId));
                }

                creations++;
                Add(created, new PeopleImportItem(row.Number, row.Name, row.Email, Describe(row.UnitId, row.IsLead ?? false, row.Role, units)));
                continue;
            }

            if (mode == PeopleImportMode.AddNewOnly)
            {
                unchanged++;
                continue;
            }

            if (row.Left)
            {
                if (match.IsActive)
                {
                    people.Add(new ImportedPerson(match.PersonId, false, null, match.FirstName, match.LastName, match.Email, match.PreferredLanguage, null, false, true));
                    leaving++;
                    Add(leavers, new PeopleImportItem(row.Number, row.Name, row.Email, ""));
                }
                else
                {
                    unchanged++;
                }

                continue;
            }

            var changes = new List<string>();
            Compare(changes, Field.FirstName, match.FirstName, row.FirstName);
            Compare(changes, Field.LastName, match.LastName, row.LastName);
            Compare(changes, Field.Email, match.Email, row.Email);
            var language = row.Language ?? match.PreferredLanguage;
            Compare(changes, Field.Language, match.PreferredLanguage, language);
            if (row.StaffNumber.Length > 0)
            {
                Compare(changes, Field.StaffNumber, match.StaffNumber ?? "", row.StaffNumber);
            }

            Guid? unitChange = null;
            var isLead = false;
            if (row.UnitId is { } target)
            {
                var current = match.Memberships.FirstOrDefault(m => m.UnitId == target);
                isLead = row.IsLead ?? current?.IsLead ?? false;
                var others = match.Memberships.Where(m => m.UnitId != target).ToList();
                if (current is null || others.Count > 0)
                {
                    unitChange = target;
                    moves++;
                    var from = string.Join(", ", match.Memberships.Select(m => units.PathOf(m.UnitId)));
                    Add(moved, new PeopleImportItem(row.Number, row.Name, row.Email,
                        $"{(from.Length > 0 ? from : "–")} → {units.PathOf(target)}{(isLead ? " (" + texts["Column.Lead"] + ")" : "")}"));
                }
                else if (current.IsLead != isLead)
                {
                    unitChange = target;
                    changes.Add($"{texts["Column.Lead"]}: {YesNo(current.IsLead)} → {YesNo(isLead)}");
                }
            }

            var roleNew = row.Role is not null && !held.Contains(new PersonRole(match.PersonId, row.Role.RoleId));
            if (roleNew)
            {
                roles.Add(new PersonRole(match.PersonId, row.Role!.RoleId));
                changes.Add($"{texts["Column.Role"]}: + {row.Role.Name}");
            }

            if (changes.Count > 0)
            {
                updates++;
                Add(updated, new PeopleImportItem(row.Number, row.Name, row.Email, string.Join("; ", changes)));
            }
            else if (unitChange is null)
            {
                unchanged++;
            }

            if (unitChange is not null || changes.Count > (roleNew ? 1 : 0))
            {
                people.Add(new ImportedPerson(match.PersonId, false, NullIfEmpty(row.StaffNumber), row.FirstName, row.LastName, row.Email, language, unitChange, isLead, false));
            }
        }

        if (_errors.Count > 0)
        {
            return new Plan(Preview(rowCount), [], []);
        }

        var preview = new PeopleImportPreview([], rowCount, creations, updates, moves, leaving, roles.Count, unchanged, created, updated, moved, leavers);
        return new Plan(preview, people, roles);
    }

    private void Compare(List<string> changes, Field field, string before, string after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changes.Add($"{texts["Column." + field]}: {(before.Length > 0 ? before : "–")} → {after}");
        }
    }

    private string Describe(Guid? unitId, bool isLead, RoleSummary? role, UnitPaths units)
    {
        var parts = new List<string>();
        if (unitId is { } id)
        {
            parts.Add(units.PathOf(id) + (isLead ? $" ({texts["Column.Lead"]})" : ""));
        }

        if (role is not null)
        {
            parts.Add(role.Name);
        }

        return string.Join(" · ", parts);
    }

    private string YesNo(bool value) => texts[value ? "Common.Yes" : "Common.No"];

    private static void Add(List<PeopleImportItem> list, PeopleImportItem item)
    {
        if (list.Count < PeopleImportPreview.ListCap)
        {
            list.Add(item);
        }
    }

    private PeopleImportPreview Preview(int rows) =>
        new([.. _errors.OrderBy(e => e.Row)], rows, 0, 0, 0, 0, 0, 0, [], [], [], []);

    private string Text(string[] cells, int number, Field field, int maxLength, bool required)
    {
        var value = Cell(cells, field);
        if (required && value.Length == 0)
        {
            Error(number, ColumnOf(field), "Import.Required", "");
        }
        else if (value.Length > maxLength)
        {
            Error(number, ColumnOf(field), "Import.TooLong", value[..Math.Min(value.Length, 40)] + "…");
        }

        return value;
    }

    private bool? Flag(string[] cells, int number, Field field)
    {
        var value = Cell(cells, field);
        if (Yes.Contains(value))
        {
            return true;
        }

        if (No.Contains(value))
        {
            return false;
        }

        Error(number, ColumnOf(field), "Import.BadFlag", value);
        return null;
    }

    private string Cell(string[] cells, Field field) =>
        _columns.TryGetValue(field, out var column) && column.Index < cells.Length ? cells[column.Index] : "";

    private string ColumnOf(Field field) => _columns.TryGetValue(field, out var column) ? Column(column.Index, column.Header) : "";

    private static string Column(int index, string header)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return $"{letters} ({header})";
    }

    private void Error(int row, string column, string code, string value) =>
        _errors.Add(new PeopleImportError(row, column, code, texts[code], value));

    /// <summary>The same rule as the person form: something, an @, something.</summary>
    private static bool LooksLikeEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == value.LastIndexOf('@') && at < value.Length - 1 && !value.Any(char.IsWhiteSpace);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

/// <summary>Finds units by name or by path ("Ambulante Pflege/Pflegeteam Nord"), optionally starting at the organisation.</summary>
internal sealed class UnitPaths
{
    private readonly Dictionary<Guid, OrgUnitSummary> _units;
    private readonly ILookup<string, OrgUnitSummary> _byName;
    private readonly Dictionary<string, List<Guid>> _found = new(StringComparer.OrdinalIgnoreCase);

    private UnitPaths(IReadOnlyList<OrgUnitSummary> units)
    {
        _units = units.ToDictionary(u => u.Id);
        _byName = units.ToLookup(u => u.Name.Trim(), StringComparer.OrdinalIgnoreCase);
    }

    public static UnitPaths From(IReadOnlyList<OrgUnitSummary> units) => new(units);

    public List<Guid> Find(string text)
    {
        if (_found.TryGetValue(text, out var known))
        {
            return known;
        }

        var segments = text.Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var result = segments.Length == 0
            ? []
            : _byName[segments[^1]].Where(u => AncestorsMatch(u, segments[..^1])).Select(u => u.Id).ToList();
        _found[text] = result;
        return result;
    }

    public string PathOf(Guid id)
    {
        var names = new List<string>();
        for (var unit = _units.GetValueOrDefault(id); unit is not null; unit = unit.ParentId is { } p ? _units.GetValueOrDefault(p) : null)
        {
            if (unit.Level != OrgUnitLevel.Organisation)
            {
                names.Insert(0, unit.Name);
            }
        }

        return string.Join("/", names);
    }

    private bool AncestorsMatch(OrgUnitSummary unit, string[] ancestors)
    {
        var current = unit;
        for (var i = ancestors.Length - 1; i >= 0; i--)
        {
            if (current.ParentId is not { } parentId || !_units.TryGetValue(parentId, out var parent)
                || !string.Equals(parent.Name.Trim(), ancestors[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            current = parent;
        }

        return true;
    }
}
