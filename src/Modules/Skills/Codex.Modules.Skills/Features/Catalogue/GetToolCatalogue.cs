using Codex.Modules.Skills.Contracts;
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
