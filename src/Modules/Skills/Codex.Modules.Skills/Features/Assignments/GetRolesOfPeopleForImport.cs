using Codex.Modules.Skills.Contracts;
using Codex.Modules.Skills.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Assignments;

internal sealed class GetRolesOfPeopleForImportQueryHandler(SkillsDbContext db)
    : IRequestHandler<GetRolesOfPeopleForImportQuery, IReadOnlyList<PersonRole>>
{
    public async Task<IReadOnlyList<PersonRole>> Handle(GetRolesOfPeopleForImportQuery query, CancellationToken cancellationToken)
    {
        var ids = query.PersonIds.Distinct().ToList();
        return await db.RoleAssignments.AsNoTracking().Where(a => ids.Contains(a.PersonId))
            .Select(a => new PersonRole(a.PersonId, a.RoleId)).ToListAsync(cancellationToken);
    }
}
