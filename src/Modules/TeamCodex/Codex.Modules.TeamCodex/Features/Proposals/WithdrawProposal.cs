using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Mediation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Proposals;

/// <summary>The author (or a lead) withdraws a proposal; a round deciding on it ends.</summary>
[RequiresSignIn]
public sealed record WithdrawProposalCommand(Guid ProposalId) : ICommand<Unit>;

internal sealed class WithdrawProposalCommandHandler(TeamCodexDbContext db, CodexAccess access, TimeProvider clock)
    : IRequestHandler<WithdrawProposalCommand, Unit>
{
    public async Task<Unit> Handle(WithdrawProposalCommand command, CancellationToken ct)
    {
        var (proposal, codex) = await ProposalLoader.LoadAsync(db, command.ProposalId, ct);
        var permissions = await access.RequireEditAsync(codex.OrgUnitId, ct);
        var now = clock.GetUtcNow();
        proposal.Withdraw(access.PersonId, permissions.CanLead, now);
        var round = await db.Rounds.Include(r => r.Participants).Include(r => r.Responses)
            .FirstOrDefaultAsync(r => r.ProposalId == proposal.Id && r.ClosedAt == null, ct);
        if (round is not null)
        {
            codex.CloseRound(round, now, proposalWithdrawn: true);
        }

        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}

internal static class WithdrawProposalEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/codex/proposals/{id:guid}/withdraw", async (Guid id, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new WithdrawProposalCommand(id), ct);
            return Results.NoContent();
        })
            .WithName("withdrawProposal")
            .WithSummary("Withdraw a proposal, ending a round deciding on it");
    }
}
