using Codex.Modules.Skills.Domain;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Transfer;

/// <summary>Plans an import of tools (<see cref="TransferColumns.Tools"/>).</summary>
internal sealed partial class ImportCommandHandler
{
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
}
