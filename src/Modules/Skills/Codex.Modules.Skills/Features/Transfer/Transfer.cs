using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Features.Common;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using Codex.Shared.Tables;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Transfer;

public enum TransferKind
{
    Tools,
    Roles,
    Matrix,
    Assignments,
}

public enum TransferFormat
{
    Csv,
    Xlsx,
}

/// <summary>A file of tools, roles, the matrix (roles as rows, tools as columns) or role assignments.</summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record ExportQuery(TransferKind Kind, TransferFormat Format) : IRequest<ExportFile>;

public sealed record ExportFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Reads a CSV or XLSX file and validates every row first. With <paramref name="Apply"/> false it only
/// previews; with true it applies the changes, and only when there is not a single error.
/// </summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record ImportCommand(TransferKind Kind, string FileName, byte[] Content, bool Apply) : ICommand<ImportResult>;

/// <param name="Row">1-based, as a spreadsheet shows it (the header is row 1).</param>
/// <param name="Column">The column's header, or its letter when the header itself is wrong.</param>
public sealed record ImportError(int Row, string Column, string MessageKey, string Value);

/// <param name="PersonId">The person an assignment row is about: its audit entry is erased with them (not sent, the subject names them).</param>
public sealed record ImportChange(string Subject, string? OldValue, string NewValue, [property: JsonIgnore] Guid? PersonId = null);

public sealed record ImportResult(IReadOnlyList<ImportError> Errors, IReadOnlyList<ImportChange> Changes, bool Applied);

internal static class TransferColumns
{
    public static readonly string[] Tools = ["Name", "Category", "Description", "GuideUrl", "Lifecycle", "Competences"];
    public static readonly string[] Roles = ["Name", "Description"];
    public const string MatrixRole = "Role";
    public static readonly string[] Assignments = ["PersonId", "Person", "Role"];

    /// <summary>Matrix cells: a level 1–4, followed by "*" when mandatory; empty means not required.</summary>
    public static string Cell(Requirement? r) => r is null ? "" : r.Level.ToString(CultureInfo.InvariantCulture) + (r.Mandatory ? "*" : "");
}

internal sealed class ExportQueryValidator : AbstractValidator<ExportQuery>
{
    public ExportQueryValidator()
    {
        RuleFor(q => q.Kind).IsInEnum();
        RuleFor(q => q.Format).IsInEnum();
    }
}

internal sealed class ExportQueryHandler(SkillsDbContext db, IMediator mediator, SkillsAccess access, TimeProvider clock) : IRequestHandler<ExportQuery, ExportFile>
{
    public async Task<ExportFile> Handle(ExportQuery query, CancellationToken cancellationToken)
    {
        // Exports leave the system (the assignments name people): who took which file is part of the audit trail.
        db.AuditEntries.Add(access.Audit(clock.GetUtcNow(), AuditArea.Export, query.Kind.ToString(), null, query.Format.ToString()));
        await db.SaveChangesAsync(cancellationToken);
        var rows = query.Kind switch
        {
            TransferKind.Tools => await ToolsAsync(cancellationToken),
            TransferKind.Roles => await RolesAsync(cancellationToken),
            TransferKind.Matrix => await MatrixAsync(cancellationToken),
            _ => await AssignmentsAsync(cancellationToken),
        };
        var name = query.Kind.ToString().ToLowerInvariant();
        return query.Format == TransferFormat.Csv
            ? new ExportFile($"skills-{name}.csv", "text/csv; charset=utf-8", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv.Write(rows))).ToArray())
            : new ExportFile($"skills-{name}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Xlsx.Write(query.Kind.ToString(), rows));
    }

    private async Task<List<IReadOnlyList<string>>> ToolsAsync(CancellationToken ct)
    {
        var tools = await db.Tools.AsNoTracking().Include(t => t.Competences).OrderBy(t => t.Name).ToListAsync(ct);
        return [TransferColumns.Tools, .. tools.Select(t => (IReadOnlyList<string>)[t.Name, t.Category.ToString(), t.Description, t.GuideUrl ?? "", t.Lifecycle.ToString(),
            string.Join(" ", t.Competences.Select(c => c.CompetenceCode).Order(StringComparer.Ordinal))])];
    }

    private async Task<List<IReadOnlyList<string>>> RolesAsync(CancellationToken ct)
    {
        var roles = await db.Roles.AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct);
        return [TransferColumns.Roles, .. roles.Select(r => (IReadOnlyList<string>)[r.Name, r.Description])];
    }

    private async Task<List<IReadOnlyList<string>>> MatrixAsync(CancellationToken ct)
    {
        var roles = await db.Roles.AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct);
        var tools = await db.Tools.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        var cells = (await db.Requirements.AsNoTracking().ToListAsync(ct)).ToDictionary(r => (r.RoleId, r.ToolId));
        return [[TransferColumns.MatrixRole, .. tools.Select(t => t.Name)],
            .. roles.Select(r => (IReadOnlyList<string>)[r.Name, .. tools.Select(t => TransferColumns.Cell(cells.GetValueOrDefault((r.Id, t.Id))))])];
    }

    private async Task<List<IReadOnlyList<string>>> AssignmentsAsync(CancellationToken ct)
    {
        var held = await (from a in db.RoleAssignments.AsNoTracking()
                          join r in db.Roles.AsNoTracking() on a.RoleId equals r.Id
                          select new { a.PersonId, r.Name }).ToListAsync(ct);
        var names = (await mediator.Send(new GetPeopleContactsQuery(held.Select(h => h.PersonId).Distinct().ToList()), ct))
            .ToDictionary(p => p.PersonId, p => p.DisplayName);
        return [TransferColumns.Assignments, .. held
            .OrderBy(h => names.GetValueOrDefault(h.PersonId, ""), StringComparer.Ordinal).ThenBy(h => h.Name, StringComparer.Ordinal)
            .Select(h => (IReadOnlyList<string>)[h.PersonId.ToString(), names.GetValueOrDefault(h.PersonId, ""), h.Name])];
    }
}

internal sealed class ImportCommandValidator : AbstractValidator<ImportCommand>
{
    public const int MaxBytes = 2 * 1024 * 1024;

    public ImportCommandValidator()
    {
        RuleFor(c => c.Kind).IsInEnum();
        RuleFor(c => c.FileName).NotEmpty().MaximumLength(260)
            .Must(n => n.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase));
        RuleFor(c => c.Content).NotNull().Must(c => c.Length is > 0 and <= MaxBytes);
    }
}

internal sealed class ImportCommandHandler(SkillsDbContext db, IMediator mediator, SkillsAccess access, TimeProvider clock)
    : IRequestHandler<ImportCommand, ImportResult>
{
    public async Task<ImportResult> Handle(ImportCommand command, CancellationToken cancellationToken)
    {
        List<string[]> rows;
        try
        {
            rows = TableFile.Read(command.FileName, command.Content);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever a broken or foreign file makes the readers throw (bad UTF-8, unclosed quote, not a
            // workbook, a corrupt zip) is the client's input, reported like any other import error.
            return new ImportResult([new ImportError(1, "", "Import.Unreadable", command.FileName)], [], false);
        }

        rows = rows.Select(r => r.Select(v => Csv.Unneutralise(v.Trim())).ToArray()).ToList();
        if (rows.Count == 0)
        {
            return new ImportResult([new ImportError(1, "", "Import.Empty", "")], [], false);
        }

        var plan = new ImportPlan(rows);
        switch (command.Kind)
        {
            case TransferKind.Tools:
                await PlanToolsAsync(plan, cancellationToken);
                break;
            case TransferKind.Roles:
                await PlanRolesAsync(plan, cancellationToken);
                break;
            case TransferKind.Matrix:
                await PlanMatrixAsync(plan, cancellationToken);
                break;
            default:
                await PlanAssignmentsAsync(plan, cancellationToken);
                break;
        }

        var applied = command.Apply && plan.Errors.Count == 0 && plan.Changes.Count > 0;
        if (applied)
        {
            foreach (var apply in plan.Actions)
            {
                apply();
            }

            var now = clock.GetUtcNow();
            var area = command.Kind switch
            {
                TransferKind.Tools => AuditArea.Tool,
                TransferKind.Roles => AuditArea.Role,
                TransferKind.Matrix => AuditArea.Matrix,
                _ => AuditArea.Assignment,
            };
            db.AuditEntries.Add(access.Audit(now, AuditArea.Import, $"{command.Kind}: {command.FileName}", null, $"{plan.Changes.Count} changes"));
            db.AuditEntries.AddRange(plan.Changes.Select(c => access.Audit(now, area, c.Subject, c.OldValue, c.NewValue, c.PersonId)));
            await db.SaveChangesAsync(cancellationToken);
        }

        return new ImportResult(plan.Errors, plan.Changes, applied);
    }

    private async Task PlanToolsAsync(ImportPlan plan, CancellationToken ct)
    {
        if (!plan.ExpectHeader(TransferColumns.Tools))
        {
            return;
        }

        var tools = await db.Tools.Include(t => t.Competences).ToDictionaryAsync(t => t.Name, StringComparer.OrdinalIgnoreCase, ct);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (row, number) in plan.DataRows())
        {
            var name = plan.Text(row, number, 0, Tool.NameMaxLength, required: true);
            var category = plan.Enum<ToolCategory>(row, number, 1);
            var description = plan.Text(row, number, 2, Tool.DescriptionMaxLength);
            var guide = plan.Text(row, number, 3, Tool.GuideUrlMaxLength);
            if (guide.Length > 0 && !Tool.IsSafeLink(guide))
            {
                plan.Error(number, 3, "Import.BadLink", guide);
            }

            var lifecycle = plan.Enum<ToolLifecycle>(row, number, 4);
            var codes = plan.Cell(row, 5).Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
            foreach (var code in codes.Where(c => !DigComp.IsKnown(c)))
            {
                plan.Error(number, 5, "Import.UnknownCompetence", code);
            }

            if (name.Length > 0 && !seen.Add(name))
            {
                plan.Error(number, 0, "Import.Duplicate", name);
            }

            if (name.Length == 0 || category is null || lifecycle is null)
            {
                continue;
            }

            if (tools.TryGetValue(name, out var tool))
            {
                var before = Describe(tool.Category, tool.Description, tool.GuideUrl ?? "", tool.Lifecycle, tool.Competences.Select(c => c.CompetenceCode));
                var after = Describe(category.Value, description, guide, lifecycle.Value, codes);
                if (before != after)
                {
                    plan.Change(tool.Name, before, after, () => tool.Update(tool.Name, category.Value, description, guide, lifecycle.Value, codes));
                }
            }
            else
            {
                plan.Change(name, null, Describe(category.Value, description, guide, lifecycle.Value, codes),
                    () => db.Tools.Add(Tool.Create(Guid.NewGuid(), name, category.Value, description, guide, lifecycle.Value, codes)));
            }
        }
    }

    private static string Describe(ToolCategory category, string description, string guide, ToolLifecycle lifecycle, IEnumerable<string> codes) =>
        $"{category} · {lifecycle} · {description} · {guide} · {string.Join(" ", codes.Order(StringComparer.Ordinal))}";

    private async Task PlanRolesAsync(ImportPlan plan, CancellationToken ct)
    {
        if (!plan.ExpectHeader(TransferColumns.Roles))
        {
            return;
        }

        var roles = await db.Roles.ToDictionaryAsync(r => r.Name, StringComparer.OrdinalIgnoreCase, ct);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (row, number) in plan.DataRows())
        {
            var name = plan.Text(row, number, 0, Role.NameMaxLength, required: true);
            var description = plan.Text(row, number, 1, Role.DescriptionMaxLength);
            if (name.Length == 0)
            {
                continue;
            }

            if (!seen.Add(name))
            {
                plan.Error(number, 0, "Import.Duplicate", name);
            }
            else if (roles.TryGetValue(name, out var role))
            {
                if (role.Description != description)
                {
                    plan.Change(role.Name, role.Description, description, () => role.Update(role.Name, description));
                }
            }
            else
            {
                plan.Change(name, null, description, () => db.Roles.Add(Role.Create(Guid.NewGuid(), name, description)));
            }
        }
    }

    private async Task PlanMatrixAsync(ImportPlan plan, CancellationToken ct)
    {
        var header = plan.Rows[0];
        if (header.Length == 0 || !string.Equals(header[0], TransferColumns.MatrixRole, StringComparison.OrdinalIgnoreCase))
        {
            plan.Error(1, 0, "Import.HeaderExpected", TransferColumns.MatrixRole);
            return;
        }

        var tools = await db.Tools.AsNoTracking().ToDictionaryAsync(t => t.Name, StringComparer.OrdinalIgnoreCase, ct);
        var roles = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Name, StringComparer.OrdinalIgnoreCase, ct);
        var columns = new Tool?[header.Length];
        for (var c = 1; c < header.Length; c++)
        {
            if (header[c].Length == 0)
            {
                continue;
            }

            if (!tools.TryGetValue(header[c], out columns[c]))
            {
                plan.Error(1, c, "Import.UnknownTool", header[c]);
            }
        }

        var matrix = await db.Matrices.Include(m => m.Requirements).FirstOrDefaultAsync(ct);
        var cells = new List<RequirementCell>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (row, number) in plan.DataRows())
        {
            var roleName = plan.Cell(row, 0);
            if (!roles.TryGetValue(roleName, out var role))
            {
                plan.Error(number, 0, "Import.UnknownRole", roleName);
                continue;
            }

            if (!seen.Add(roleName))
            {
                plan.Error(number, 0, "Import.Duplicate", roleName);
                continue;
            }

            for (var c = 1; c < columns.Length; c++)
            {
                if (columns[c] is not { } tool)
                {
                    continue;
                }

                var value = plan.Cell(row, c);
                var mandatory = value.EndsWith('*');
                var digits = mandatory ? value[..^1].Trim() : value;
                var level = 0;
                if (digits.Length > 0 && (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out level) || !ProficiencyScale.IsValid(level)))
                {
                    plan.Error(number, c, "Import.BadLevel", value);
                    continue;
                }

                var existing = matrix?.Find(role.Id, tool.Id);
                if (TransferColumns.Cell(existing) != (level == 0 ? "" : TransferColumns.Cell(new Requirement(role.Id, tool.Id, level, mandatory, ""))))
                {
                    plan.Change($"{role.Name} × {tool.Name}", existing is null ? null : TransferColumns.Cell(existing), level == 0 ? "–" : $"{level}{(mandatory ? "*" : "")}", null);
                    cells.Add(new RequirementCell(role.Id, tool.Id, level, mandatory, existing?.Rationale));
                }
            }
        }

        plan.Action(() =>
        {
            if (matrix is null)
            {
                matrix = RequirementMatrix.Create();
                db.Matrices.Add(matrix);
            }
            else
            {
                db.Entry(matrix).State = EntityState.Modified; // moves the version: open grids must reload
            }

            matrix.Apply(cells);
        });
    }

    private async Task PlanAssignmentsAsync(ImportPlan plan, CancellationToken ct)
    {
        if (!plan.ExpectHeader(TransferColumns.Assignments))
        {
            return;
        }

        var roles = await db.Roles.ToDictionaryAsync(r => r.Name, StringComparer.OrdinalIgnoreCase, ct);
        var parsed = new List<(int Number, Guid PersonId, Role Role)>();
        foreach (var (row, number) in plan.DataRows())
        {
            var idText = plan.Cell(row, 0);
            var roleName = plan.Cell(row, 2);
            var ok = Guid.TryParse(idText, out var personId);
            if (!ok)
            {
                plan.Error(number, 0, "Import.BadPersonId", idText);
            }

            if (!roles.TryGetValue(roleName, out var role))
            {
                plan.Error(number, 2, "Import.UnknownRole", roleName);
            }
            else if (ok)
            {
                parsed.Add((number, personId, role));
            }
        }

        var ids = parsed.Select(p => p.PersonId).Distinct().ToList();
        var people = (await mediator.Send(new GetPeopleContactsQuery(ids), ct)).ToDictionary(p => p.PersonId);
        var holders = await db.PersonRoles.Include(p => p.Assignments).Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var planned = new HashSet<(Guid, Guid)>();
        var now = clock.GetUtcNow();
        foreach (var (number, personId, role) in parsed)
        {
            if (!people.TryGetValue(personId, out var person) || !person.IsActive)
            {
                plan.Error(number, 0, "Import.UnknownPerson", personId.ToString());
                continue;
            }

            var holds = holders.TryGetValue(personId, out var holder) && holder.Assignments.Any(a => a.RoleId == role.Id);
            if (holds || !planned.Add((personId, role.Id)))
            {
                continue;
            }

            plan.Change($"{person.DisplayName} · {role.Name}", null, role.Name, personId, () =>
            {
                if (!holders.TryGetValue(personId, out var h))
                {
                    h = PersonRoles.For(personId);
                    db.PersonRoles.Add(h);
                    holders[personId] = h;
                }

                h.Assign(role, now);
            });
        }
    }
}

/// <summary>What an import would do: errors by row and column, and the changes with the action that applies each.</summary>
internal sealed class ImportPlan(List<string[]> rows)
{
    private readonly List<ImportError> _errors = [];
    private readonly List<ImportChange> _changes = [];
    private readonly List<Action> _actions = [];

    public List<string[]> Rows { get; } = rows;

    public IReadOnlyList<ImportError> Errors => _errors;

    public IReadOnlyList<ImportChange> Changes => _changes;

    public IReadOnlyList<Action> Actions => _actions;

    public IEnumerable<(string[] Row, int Number)> DataRows() => Rows.Skip(1).Select((r, i) => (r, i + 2));

    public bool ExpectHeader(string[] columns)
    {
        var header = Rows[0];
        for (var c = 0; c < columns.Length; c++)
        {
            if (c >= header.Length || !string.Equals(header[c], columns[c], StringComparison.OrdinalIgnoreCase))
            {
                Error(1, c, "Import.HeaderExpected", columns[c]);
            }
        }

        return _errors.Count == 0;
    }

    public string Cell(string[] row, int column) => column < row.Length ? row[column] : "";

    public string Text(string[] row, int number, int column, int maxLength, bool required = false)
    {
        var value = Cell(row, column);
        if (required && value.Length == 0)
        {
            Error(number, column, "Import.Required", "");
        }
        else if (value.Length > maxLength)
        {
            Error(number, column, "Import.TooLong", value[..Math.Min(40, value.Length)] + "…");
        }

        return value.Length > maxLength ? "" : value;
    }

    public T? Enum<T>(string[] row, int number, int column) where T : struct, System.Enum
    {
        var value = Cell(row, column);
        if (System.Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !int.TryParse(value, out _))
        {
            return parsed;
        }

        Error(number, column, "Import.BadValue", value);
        return null;
    }

    public void Error(int row, int column, string key, string value) =>
        _errors.Add(new ImportError(row, ColumnName(column), key, value));

    public void Change(string subject, string? oldValue, string newValue, Action? apply) => Change(subject, oldValue, newValue, null, apply);

    public void Change(string subject, string? oldValue, string newValue, Guid? personId, Action? apply)
    {
        _changes.Add(new ImportChange(subject, oldValue, newValue, personId));
        if (apply is not null)
        {
            _actions.Add(apply);
        }
    }

    public void Action(Action apply) => _actions.Add(apply);

    /// <summary>The header's name of the column when there is one, else its spreadsheet letter.</summary>
    private string ColumnName(int column)
    {
        var letter = column < 26 ? ((char)('A' + column)).ToString() : "A" + (char)('A' + column - 26);
        return column < Rows[0].Length && Rows[0][column].Length > 0 ? $"{letter} ({Rows[0][column]})" : letter;
    }
}

internal static class TransferEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/skills/export/{kind}.{format}", async (TransferKind kind, TransferFormat format, IMediator mediator, CancellationToken ct) =>
        {
            var file = await mediator.Send(new ExportQuery(kind, format), ct);
            return Results.File(file.Content, file.ContentType, file.FileName);
        });

        // The raw file is the body (no form, so no antiforgery token): ?fileName=x.csv|x.xlsx&apply=false previews.
        api.MapPost("/skills/import/{kind}", async (TransferKind kind, string fileName, bool? apply, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, ct);
            var result = await mediator.Send(new ImportCommand(kind, fileName, body.ToArray(), apply ?? false), ct);
            return Results.Ok(result);
        });
    }
}
