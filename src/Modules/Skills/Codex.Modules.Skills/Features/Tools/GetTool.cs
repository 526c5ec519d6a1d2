using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Tools;

[RequiresSignIn]
public sealed record GetToolQuery(Guid Id) : IRequest<ToolItem>;

internal sealed class GetToolQueryHandler(SkillsDbContext db) : IRequestHandler<GetToolQuery, ToolItem>
{
    public async Task<ToolItem> Handle(GetToolQuery query, CancellationToken cancellationToken) =>
        await db.Tools.AsNoTracking().Where(t => t.Id == query.Id)
            .Select(t => new ToolItem(t.Id, t.Name, t.Category, t.Description, t.GuideUrl, t.Lifecycle,
                t.Competences.OrderBy(c => c.CompetenceCode).Select(c => c.CompetenceCode).ToList(), t.Version))
            .FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException(nameof(Tool), query.Id);
}
