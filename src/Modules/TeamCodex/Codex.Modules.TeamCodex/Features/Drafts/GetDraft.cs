using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Mediation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Drafts;

/// <summary>The working draft with its revision (the editor saves against it) and the latest saves.</summary>
[RequiresSignIn]
public sealed record GetDraftQuery(Guid UnitId) : IRequest<DraftView>;

public sealed record DraftView(
    Guid CodexId, string UnitName, bool IsTeam, int Revision, IReadOnlyList<CodexSection> Sections,
    IReadOnlyList<DraftRevisionInfo> RecentRevisions, CodexPermissions Permissions);

public sealed record DraftRevisionInfo(int Number, string Author, DateTimeOffset SavedAt);

internal sealed class GetDraftQueryHandler(TeamCodexDbContext db, CodexAccess access) : IRequestHandler<GetDraftQuery, DraftView>
{
    public async Task<DraftView> Handle(GetDraftQuery query, CancellationToken ct)
    {
        var unit = await access.UnitAsync(query.UnitId, ct);
        var permissions = await access.RequireEditAsync(query.UnitId, ct);
        var codex = await db.Codices.AsNoTracking().FirstOrDefaultAsync(c => c.OrgUnitId == query.UnitId, ct)
            ?? throw new Shared.Errors.NotFoundException("Codex", query.UnitId);
        var revisions = await db.DraftRevisions.AsNoTracking()
            .Where(r => r.CodexId == codex.Id)
            .OrderByDescending(r => r.Number)
            .Take(10)
            .Select(r => new { r.Number, r.AuthorId, r.SavedAt })
            .ToListAsync(ct);
        var names = await access.NamesAsync(revisions.Select(r => r.AuthorId), ct);
        return new DraftView(
            codex.Id, unit.Unit.Name, unit.IsTeam, codex.DraftRevision, codex.Draft,
            revisions.Select(r => new DraftRevisionInfo(r.Number, names.GetValueOrDefault(r.AuthorId, "–"), r.SavedAt)).ToList(),
            permissions);
    }
}

internal static class GetDraftEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/codex/units/{unitId:guid}/draft", async (Guid unitId, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetDraftQuery(unitId), ct)))
            .WithName("getDraft")
            .WithSummary("Get the working draft with its revision and the latest saves");
}
