using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Contracts;
using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Features.Common;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Errors;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Assignments;

internal sealed class AssignRolesInBulkCommandHandler(SkillsDbContext db, SkillsAccess access, IMediator mediator, TimeProvider clock)
    : IRequestHandler<AssignRolesInBulkCommand, int>
{
    public async Task<int> Handle(AssignRolesInBulkCommand command, CancellationToken cancellationToken)
    {
        var wanted = command.Assignments.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return 0;
        }

        var roleIds = wanted.Select(a => a.RoleId).Distinct().ToList();
        var personIds = wanted.Select(a => a.PersonId).Distinct().ToList();
        var roles = await db.Roles.Where(r => roleIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var people = (await mediator.Send(new GetPeopleContactsQuery(personIds), cancellationToken))
            .Where(p => p.IsActive).ToDictionary(p => p.PersonId);
        var holders = await db.PersonRoles.Include(p => p.Assignments).Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var assigned = 0;
        foreach (var (personId, roleId) in wanted)
        {
            var role = roles.GetValueOrDefault(roleId) ?? throw new NotFoundException(nameof(Role), roleId);
            var person = people.GetValueOrDefault(personId) ?? throw new NotFoundException("Person", personId);
            if (!holders.TryGetValue(personId, out var holder))
            {
                holder = PersonRoles.For(personId);
                db.PersonRoles.Add(holder);
                holders[personId] = holder;
            }
            else if (holder.Assignments.Any(a => a.RoleId == roleId))
            {
                continue;
            }

            holder.Assign(role, now);
            db.AuditEntries.Add(access.Audit(now, AuditArea.Assignment, $"{person.DisplayName} · {role.Name}", null, "assigned", personId));
            assigned++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return assigned;
    }
}
