using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Acknowledgements;

/// <summary>For the unit's leads: who has confirmed the version in force, and who has not yet.</summary>
[RequiresSignIn]
public sealed record GetAcknowledgementStatusQuery(Guid UnitId) : IRequest<AcknowledgementStatus>;

public sealed record AcknowledgementStatus(int? VersionInForce, IReadOnlyList<MemberAcknowledgement> Members)
{
    public int Confirmed => Members.Count(m => m.AcknowledgedInForce);
}

public sealed record MemberAcknowledgement(string Name, int? LatestVersion, DateTimeOffset? AcknowledgedAt, bool AcknowledgedInForce);

internal sealed class GetAcknowledgementStatusQueryHandler(TeamCodexDbContext db, CodexAccess access)
    : IRequestHandler<GetAcknowledgementStatusQuery, AcknowledgementStatus>
{
    public async Task<AcknowledgementStatus> Handle(GetAcknowledgementStatusQuery query, CancellationToken ct)
    {
        await access.RequireLeadAsync(query.UnitId, ct);
        var codex = await db.Codices.AsNoTracking().FirstOrDefaultAsync(c => c.OrgUnitId == query.UnitId, ct)
            ?? throw new NotFoundException("Codex", query.UnitId);
        var members = await db.UnitMembers.AsNoTracking().Where(m => m.OrgUnitId == query.UnitId).Select(m => m.PersonId).ToListAsync(ct);
        var acknowledgements = await db.Acknowledgements.AsNoTracking()
            .Where(a => a.CodexId == codex.Id)
            .Select(a => new { a.PersonId, a.VersionNumber, a.AcknowledgedAt })
            .ToListAsync(ct);
        var latest = acknowledgements.GroupBy(a => a.PersonId)
            .Select(g => g.OrderByDescending(a => a.VersionNumber).First())
            .Select(a => new { a.PersonId, Version = a.VersionNumber, At = a.AcknowledgedAt });
        var byPerson = latest.ToDictionary(a => a.PersonId);
        var names = await access.NamesAsync(members, ct);
        return new AcknowledgementStatus(codex.VersionInForce, members
            .Select(p => byPerson.TryGetValue(p, out var a)
                ? new MemberAcknowledgement(names.GetValueOrDefault(p, "–"), a.Version, a.At, a.Version == codex.VersionInForce)
                : new MemberAcknowledgement(names.GetValueOrDefault(p, "–"), null, null, false))
            .OrderBy(m => m.AcknowledgedInForce).ThenBy(m => m.Name, StringComparer.CurrentCulture)
            .ToList());
    }
}

internal static class GetAcknowledgementStatusEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/codex/units/{unitId:guid}/acknowledgements", async (Guid unitId, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetAcknowledgementStatusQuery(unitId), ct)))
            .WithName("getAcknowledgementStatus")
            .WithSummary("Get who has confirmed the version in force and who has not yet");
    }
}
