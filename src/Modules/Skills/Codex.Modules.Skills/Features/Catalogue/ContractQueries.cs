using Codex.Modules.Skills.Contracts;
using Codex.Modules.Skills.Features.Common;
using Codex.Modules.Skills.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Catalogue;

internal sealed class GetToolCatalogueQueryHandler(SkillsDbContext db) : IRequestHandler<GetToolCatalogueQuery, IReadOnlyList<ToolSummary>>
{
    public async Task<IReadOnlyList<ToolSummary>> Handle(GetToolCatalogueQuery request, CancellationToken cancellationToken)
    {
        var tools = await db.Tools.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name, t.Category }).ToListAsync(cancellationToken);
        return tools.Select(t => new ToolSummary(t.Id, t.Name, t.Category.ToString())).ToList();
    }
}

internal sealed class GetRoleListQueryHandler(SkillsDbContext db) : IRequestHandler<GetRoleListQuery, IReadOnlyList<RoleSummary>>
{
    public async Task<IReadOnlyList<RoleSummary>> Handle(GetRoleListQuery request, CancellationToken cancellationToken) =>
        await db.Roles.AsNoTracking().OrderBy(r => r.Name).Select(r => new RoleSummary(r.Id, r.Name)).ToListAsync(cancellationToken);
}

internal sealed class GetRoleHoldersQueryHandler(SkillsDbContext db) : IRequestHandler<GetRoleHoldersQuery, IReadOnlyList<Guid>>
{
    public async Task<IReadOnlyList<Guid>> Handle(GetRoleHoldersQuery request, CancellationToken cancellationToken) =>
        await db.RoleAssignments.AsNoTracking().Where(a => a.RoleId == request.RoleId)
            .OrderBy(a => a.PersonId).Select(a => a.PersonId).ToListAsync(cancellationToken);
}

internal sealed class GetPrivacyRulesQueryHandler(SkillsAccess access) : IRequestHandler<GetPrivacyRulesQuery, PrivacyRules>
{
    public Task<PrivacyRules> Handle(GetPrivacyRulesQuery request, CancellationToken cancellationToken) => access.RulesAsync(cancellationToken);
}
