using System.Globalization;
using Codex.Modules.Skills.Domain;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Transfer;

/// <summary>Plans an import of the requirement matrix (roles as rows, tools as columns).</summary>
internal sealed partial class ImportCommandHandler
{
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
}
