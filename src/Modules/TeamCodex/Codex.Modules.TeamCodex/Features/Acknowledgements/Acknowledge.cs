using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Domain;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Acknowledgements;

/// <summary>A member confirms having read the version in force (the version they saw, so a newer one is not confirmed unread).</summary>
[RequiresSignIn]
public sealed record AcknowledgeVersionCommand(Guid UnitId, int Version) : ICommand<Unit>;

internal sealed class AcknowledgeVersionCommandHandler(TeamCodexDbContext db, CodexAccess access, TimeProvider clock)
    : IRequestHandler<AcknowledgeVersionCommand, Unit>
{
    public async Task<Unit> Handle(AcknowledgeVersionCommand command, CancellationToken ct)
    {
        var permissions = await access.PermissionsAsync(command.UnitId, ct);
        if (!permissions.IsMember)
        {
            throw new ForbiddenException();
        }

        var codex = await db.Codices.AsNoTracking().FirstOrDefaultAsync(c => c.OrgUnitId == command.UnitId, ct)
            ?? throw new NotFoundException("Codex", command.UnitId);
        if (codex.VersionInForce != command.Version)
        {
            throw new DomainException("Codex.NotVersionInForce", "Only the version in force can be acknowledged; please read the current version.");
        }

        if (await AcknowledgedAsync(codex.Id, command.Version, ct))
        {
            return Unit.Value;
        }

        var acknowledgement = new Acknowledgement(codex.Id, access.PersonId, command.Version, clock.GetUtcNow());
        db.Acknowledgements.Add(acknowledgement);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Confirmed twice at the same moment (a double click): the other request stored it first.
            // EF rolled back to its savepoint, so the transaction is still usable for this check.
            db.Entry(acknowledgement).State = EntityState.Detached;
            if (!await AcknowledgedAsync(codex.Id, command.Version, ct))
            {
                throw;
            }
        }

        return Unit.Value;
    }

    private Task<bool> AcknowledgedAsync(Guid codexId, int version, CancellationToken ct) =>
        db.Acknowledgements.AnyAsync(a => a.CodexId == codexId && a.PersonId == access.PersonId && a.VersionNumber == version, ct);
}

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

public sealed record AcknowledgeRequest(int Version);

internal static class AcknowledgementEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/codex/units/{unitId:guid}/acknowledgements", async (Guid unitId, AcknowledgeRequest request, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new AcknowledgeVersionCommand(unitId, request.Version), ct);
            return Results.NoContent();
        });
        api.MapGet("/codex/units/{unitId:guid}/acknowledgements", async (Guid unitId, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetAcknowledgementStatusQuery(unitId), ct)));
    }
}
