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

public sealed record AcknowledgeRequest(int Version);

internal static class AcknowledgeVersionEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/codex/units/{unitId:guid}/acknowledgements", async (Guid unitId, AcknowledgeRequest request, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new AcknowledgeVersionCommand(unitId, request.Version), ct);
            return Results.NoContent();
        })
            .WithName("acknowledgeVersion")
            .WithSummary("Confirm having read the version in force");
    }
}
