using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Mediation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Members;

/// <summary>Who takes part in the codex of a unit, as TeamCodex knows it.</summary>
[RequiresSignIn]
public sealed record GetUnitMembersQuery(Guid OrgUnitId) : IRequest<IReadOnlyList<CodexParticipant>>;

public sealed record CodexParticipant(Guid PersonId, bool IsLead, DateTimeOffset Since);

internal sealed class GetUnitMembersQueryHandler(TeamCodexDbContext db) : IRequestHandler<GetUnitMembersQuery, IReadOnlyList<CodexParticipant>>
{
    public async Task<IReadOnlyList<CodexParticipant>> Handle(GetUnitMembersQuery query, CancellationToken cancellationToken) =>
        await db.UnitMembers.AsNoTracking()
            .Where(m => m.OrgUnitId == query.OrgUnitId)
            .OrderBy(m => m.Since).ThenBy(m => m.PersonId)
            .Select(m => new CodexParticipant(m.PersonId, m.IsLead, m.Since))
            .ToListAsync(cancellationToken);
}

internal static class GetUnitMembersEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/codex/units/{unitId:guid}/participants", async (Guid unitId, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetUnitMembersQuery(unitId), ct)))
            .WithName("getUnitMembers")
            .WithSummary("List who takes part in a unit's codex");
}
