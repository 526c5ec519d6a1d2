using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Mediation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Rounds;

/// <summary>
/// A round with the responses to the text being decided on. Who said what is visible to the
/// participants and the unit's leads only; others see the tally.
/// </summary>
[RequiresSignIn]
public sealed record GetRoundQuery(Guid RoundId) : IRequest<RoundView>;

public sealed record RoundView(
    Guid Id, Guid UnitId, string UnitName, Guid? ProposalId, string? ProposalTitle, int ProposalRevision,
    DateTimeOffset OpenedAt, DateOnly ClosesOn, DateTimeOffset? ClosedAt, RoundOutcome? Outcome, string? OutcomeStatement,
    int? QuorumPercent, int ParticipantCount, IReadOnlyDictionary<ResponseKind, int> Tally, bool HasUnresolvedObjection, bool QuorumReached,
    IReadOnlyList<ResponseView>? Responses, ResponseView? MyResponse, bool IAmParticipant, CodexPermissions Permissions)
{
    public bool IsOpen => ClosedAt is null;

    public int Responded => Tally.Values.Sum();
}

public sealed record ResponseView(Guid PersonId, string Person, ResponseKind Kind, string Reason, DateTimeOffset RespondedAt);

internal sealed class GetRoundQueryHandler(TeamCodexDbContext db, CodexAccess access) : IRequestHandler<GetRoundQuery, RoundView>
{
    public async Task<RoundView> Handle(GetRoundQuery query, CancellationToken ct)
    {
        var (round, codex) = await RoundLoader.LoadAsync(db, query.RoundId, ct);
        var unit = await access.UnitAsync(codex.OrgUnitId, ct);
        var permissions = await access.PermissionsAsync(codex.OrgUnitId, ct);
        var me = access.PersonId;
        var current = round.CurrentResponses();
        var proposalTitle = round.ProposalId is { } proposalId
            ? await db.Proposals.Where(p => p.Id == proposalId).Select(p => p.Title).FirstOrDefaultAsync(ct)
            : null;
        var iAmParticipant = round.IsParticipant(me);
        IReadOnlyList<ResponseView>? responses = null;
        if (iAmParticipant || permissions.CanLead)
        {
            var names = await access.NamesAsync(round.Participants.Select(p => p.PersonId), ct);
            responses = current.Values
                .OrderBy(r => r.RespondedAt)
                .Select(r => new ResponseView(r.PersonId, names.GetValueOrDefault(r.PersonId, "–"), r.Kind, r.Reason, r.RespondedAt))
                .ToList();
        }

        var mine = current.TryGetValue(me, out var my) ? new ResponseView(me, "", my.Kind, my.Reason, my.RespondedAt) : null;
        return new RoundView(
            round.Id, codex.OrgUnitId, unit.Unit.Name, round.ProposalId, proposalTitle, round.ProposalRevision,
            round.OpenedAt, round.ClosesOn, round.ClosedAt, round.Outcome, round.OutcomeStatement,
            round.QuorumPercent, round.Participants.Count, current.Values.GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => g.Count()),
            round.HasUnresolvedObjection, round.QuorumReached, responses, mine, iAmParticipant, permissions);
    }
}

internal static class GetRoundEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/codex/rounds/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetRoundQuery(id), ct)))
            .WithName("getRound")
            .WithSummary("Get a round with the responses to the text being decided on");
}
