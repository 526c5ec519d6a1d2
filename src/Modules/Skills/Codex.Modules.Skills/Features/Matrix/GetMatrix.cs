using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Mediation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Matrix;

/// <summary>The roles × tools grid; anyone signed in may read what their roles require.</summary>
[RequiresSignIn]
public sealed record GetMatrixQuery : IRequest<MatrixView>;

public sealed record MatrixView(int Version, IReadOnlyList<MatrixRole> Roles, IReadOnlyList<MatrixTool> Tools, IReadOnlyList<MatrixCell> Cells)
{
    public MatrixCell? Cell(Guid roleId, Guid toolId) => Cells.FirstOrDefault(c => c.RoleId == roleId && c.ToolId == toolId);
}

public sealed record MatrixRole(Guid Id, string Name);

public sealed record MatrixTool(Guid Id, string Name, ToolCategory Category);

public sealed record MatrixCell(Guid RoleId, Guid ToolId, int Level, bool Mandatory, string Rationale);

internal sealed class GetMatrixQueryHandler(SkillsDbContext db) : IRequestHandler<GetMatrixQuery, MatrixView>
{
    public async Task<MatrixView> Handle(GetMatrixQuery request, CancellationToken cancellationToken)
    {
        var version = await db.Matrices.AsNoTracking().Select(m => (int?)m.Version).FirstOrDefaultAsync(cancellationToken) ?? 0;
        var roles = await db.Roles.AsNoTracking().OrderBy(r => r.Name).Select(r => new MatrixRole(r.Id, r.Name)).ToListAsync(cancellationToken);
        var tools = await db.Tools.AsNoTracking().OrderBy(t => t.Name).Select(t => new MatrixTool(t.Id, t.Name, t.Category)).ToListAsync(cancellationToken);
        var cells = await db.Requirements.AsNoTracking()
            .Select(r => new MatrixCell(r.RoleId, r.ToolId, r.Level, r.Mandatory, r.Rationale)).ToListAsync(cancellationToken);
        return new MatrixView(version, roles, tools, cells);
    }
}

internal static class GetMatrixEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/skills/matrix", async (IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new GetMatrixQuery(), ct)))
            .WithName("getMatrix")
            .WithSummary("Get the roles × tools matrix of required levels");
    }
}
