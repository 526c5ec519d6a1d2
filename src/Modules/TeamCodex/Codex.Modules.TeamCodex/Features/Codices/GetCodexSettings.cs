using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Mediation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Codices;

/// <summary>The settings as a lead edits them, with the version to save against.</summary>
[RequiresSignIn]
public sealed record GetCodexSettingsQuery(Guid UnitId) : IRequest<ChangeCodexSettingsCommand>;

internal sealed class GetCodexSettingsQueryHandler(TeamCodexDbContext db, CodexAccess access) : IRequestHandler<GetCodexSettingsQuery, ChangeCodexSettingsCommand>
{
    public async Task<ChangeCodexSettingsCommand> Handle(GetCodexSettingsQuery query, CancellationToken ct)
    {
        await access.RequireLeadAsync(query.UnitId, ct);
        var c = await db.Codices.AsNoTracking().FirstOrDefaultAsync(c => c.OrgUnitId == query.UnitId, ct)
            ?? throw new Shared.Errors.NotFoundException("Codex", query.UnitId);
        return new ChangeCodexSettingsCommand(query.UnitId, c.ReviewCadenceMonths, c.ResponseReminderDaysBeforeClose, c.AcknowledgeReminderAfterDays,
            c.QuorumPercent, c.NextReviewOn, c.Version);
    }
}

internal static class GetCodexSettingsEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/codex/units/{unitId:guid}/settings", async (Guid unitId, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetCodexSettingsQuery(unitId), ct)))
            .WithName("getCodexSettings")
            .WithSummary("Get a codex's settings with the version to save against");
    }
}
