using Codex.Modules.Skills.Contracts;
using Codex.Modules.Skills.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Catalogue;

internal sealed class GetRoleListQueryHandler(SkillsDbContext db) : IRequestHandler<GetRoleListQuery, IReadOnlyList<RoleSummary>>
{
    public async Task<IReadOnlyList<RoleSummary>> Handle(GetRoleListQuery request, CancellationToken cancellationToken) =>
        await db.Roles.AsNoTracking().OrderBy(r => r.Name).Select(r => new RoleSummary(r.Id, r.Name)).ToListAsync(cancellationToken);
}
