using Codex.Shared.Security;
using Codex.Shared.Audit;
using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Mediation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Codices;

/// <summary>Starts a unit's codex from the template; its members then shape the draft.</summary>
[RequiresSignIn]
public sealed record CreateCodexCommand(Guid UnitId) : ICommand<Guid>;

internal sealed class CreateCodexCommandHandler(TeamCodexDbContext db, CodexAccess access, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<CreateCodexCommand, Guid>
{
    public async Task<Guid> Handle(CreateCodexCommand command, CancellationToken ct)
    {
        var unit = await access.UnitAsync(command.UnitId, ct);
        await access.RequireEditAsync(command.UnitId, ct);
        if (await db.Codices.AnyAsync(c => c.OrgUnitId == command.UnitId, ct))
        {
            throw new Shared.Domain.DomainException("Codex.AlreadyExists", "This unit already has a codex.");
        }

        var (codex, revision) = UnitCodex.Create(command.UnitId, unit.IsTeam, access.PersonId, clock.GetUtcNow(), Guid.NewGuid);
        db.Codices.Add(codex);
        db.DraftRevisions.Add(revision);
        db.AuditTrail.Add(AuditRecord.Of(clock.GetUtcNow(), user, "codex.created", subjectPersonId: null, unit.Unit.Name));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Started twice at the same moment (a double click): the unique unit index kept the other one.
            // EF rolled back to its savepoint, so the transaction can still answer this check.
            if (await db.Codices.AsNoTracking().AnyAsync(c => c.OrgUnitId == command.UnitId && c.Id != codex.Id, ct))
            {
                throw new Shared.Domain.DomainException("Codex.AlreadyExists", "This unit already has a codex.");
            }

            throw;
        }

        return codex.Id;
    }
}

internal static class CreateCodexEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/codex/units/{unitId:guid}", async (Guid unitId, IMediator mediator, CancellationToken ct) =>
        {
            var id = await mediator.Send(new CreateCodexCommand(unitId), ct);
            return Results.Created($"/api/codex/units/{unitId}", new { codexId = id });
        })
            .WithName("createCodex")
            .WithSummary("Start a unit's codex from the template");
}
