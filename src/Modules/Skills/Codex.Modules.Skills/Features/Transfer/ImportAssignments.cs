using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Domain;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Transfer;

/// <summary>Plans an import of role assignments (<see cref="TransferColumns.Assignments"/>).</summary>
internal sealed partial class ImportCommandHandler
{
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
