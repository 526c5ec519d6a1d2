using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Domain;
using Codex.Shared.Mediation;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.TeamCodex.Features.Rounds;

/// <summary>
/// A lead opens a review round: on a proposal, or (without one) on the codex as it is.
/// The unit's members at this moment are its participants.
/// </summary>
[RequiresSignIn]
public sealed record OpenRoundCommand(Guid UnitId, Guid? ProposalId, DateOnly ClosesOn) : ICommand<Guid>;

internal sealed class OpenRoundCommandValidator : AbstractValidator<OpenRoundCommand>
{
    public OpenRoundCommandValidator(IStringLocalizer<TeamCodexTexts> texts) =>
        RuleFor(c => c.ClosesOn).NotEmpty().WithMessage(texts["Validation.ClosingDateRequired"]);
}

internal sealed class OpenRoundCommandHandler(TeamCodexDbContext db, CodexAccess access, TimeProvider clock)
    : IRequestHandler<OpenRoundCommand, Guid>
{
    public async Task<Guid> Handle(OpenRoundCommand command, CancellationToken ct)
    {
        await access.RequireLeadAsync(command.UnitId, ct);
        var codex = await access.CodexOfUnitAsync(command.UnitId, ct);
        var revision = 0;
        if (command.ProposalId is { } proposalId)
        {
            var proposal = await db.Proposals.FirstOrDefaultAsync(p => p.Id == proposalId && p.CodexId == codex.Id, ct)
                ?? throw new Shared.Errors.NotFoundException("ChangeProposal", proposalId);
            revision = proposal.RevisionForRound();
        }

        var round = await RoundOpening.OpenAsync(db, codex, command.ProposalId, revision, command.ClosesOn, access.PersonId, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return round.Id;
    }
}

internal static class RoundOpening
{
    /// <summary>Default length of a round the review cadence opens.</summary>
    public const int DefaultDays = 14;

    public static async Task<ReviewRound> OpenAsync(
        TeamCodexDbContext db, UnitCodex codex, Guid? proposalId, int revision, DateOnly closesOn, Guid? openedBy, DateTimeOffset now, CancellationToken ct)
    {
        var participants = await db.UnitMembers.Where(m => m.OrgUnitId == codex.OrgUnitId).Select(m => m.PersonId).ToListAsync(ct);
        var round = codex.OpenRound(Guid.NewGuid(), proposalId, revision, participants, closesOn, openedBy, now);
        db.Rounds.Add(round);
        return round;
    }
}

public sealed record OpenRoundRequest(Guid? ProposalId, DateOnly? ClosesOn);

internal static class OpenRoundEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/codex/units/{unitId:guid}/rounds", async (Guid unitId, OpenRoundRequest request, IMediator mediator, CancellationToken ct) =>
        {
            var id = await mediator.Send(new OpenRoundCommand(unitId, request.ProposalId, request.ClosesOn ?? default), ct);
            return Results.Created($"/api/codex/rounds/{id}", new { roundId = id });
        })
            .WithName("openRound")
            .WithSummary("Open a review round on a proposal or on the codex as it is");
}
