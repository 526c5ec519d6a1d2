using Codex.Modules.Skills.Domain;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Transfer;

/// <summary>Plans an import of roles (<see cref="TransferColumns.Roles"/>).</summary>
internal sealed partial class ImportCommandHandler
{
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
}
