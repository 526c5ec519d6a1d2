using Codex.Modules.Skills.Contracts;
using Codex.Modules.Skills.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Catalogue;

internal sealed class GetRoleHoldersQueryHandler(SkillsDbContext db) : IRequestHandler<GetRoleHoldersQuery, IReadOnlyList<Guid>>
{
    public async Task<IReadOnlyList<Guid>> Handle(GetRoleHoldersQuery request, CancellationToken cancellationToken) =>
        await db.RoleAssignments.AsNoTracking().Where(a => a.RoleId == request.RoleId)
            .OrderBy(a => a.PersonId).Select(a => a.PersonId).ToListAsync(cancellationToken);
}
