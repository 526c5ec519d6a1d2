using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Proposals;

/// <summary>
/// The author or a lead takes the current draft as the proposal's new text (the earlier text stays in its history). If a round is deciding on the proposal,
/// earlier responses no longer count: everyone is asked again.
/// </summary>
[RequiresSignIn]
public sealed record AmendProposalCommand(Guid ProposalId, string Rationale) : ICommand<int>;

internal sealed class AmendProposalCommandValidator : AbstractValidator<AmendProposalCommand>
{
    public AmendProposalCommandValidator() =>
        RuleFor(c => c.Rationale).NotEmpty().WithMessage("Bitte begründen Sie den Vorschlag.").MaximumLength(ChangeProposal.RationaleMaxLength);
}

internal sealed class AmendProposalCommandHandler(TeamCodexDbContext db, CodexAccess access, TimeProvider clock)
    : IRequestHandler<AmendProposalCommand, int>
{
    public async Task<int> Handle(AmendProposalCommand command, CancellationToken ct)
    {
        var (proposal, codex) = await ProposalLoader.LoadAsync(db, command.ProposalId, ct);
        var permissions = await access.RequireEditAsync(codex.OrgUnitId, ct);
        proposal.Amend(codex, command.Rationale, access.PersonId, permissions.CanLead, clock.GetUtcNow());
        var round = await db.Rounds.FirstOrDefaultAsync(r => r.ProposalId == proposal.Id && r.ClosedAt == null, ct);
        round?.AskAgain(proposal.Revision);
        await db.SaveChangesAsync(ct);
        return proposal.Revision;
    }
}

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
            round.Close(now, proposalWithdrawn: true);
            codex.RoundClosed(round, now);
        }

        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}

[RequiresSignIn]
public sealed record CommentOnProposalCommand(Guid ProposalId, string Text) : ICommand<Guid>;

internal sealed class CommentOnProposalCommandValidator : AbstractValidator<CommentOnProposalCommand>
{
    public CommentOnProposalCommandValidator() =>
        RuleFor(c => c.Text).NotEmpty().WithMessage("Der Kommentar ist leer.").MaximumLength(ProposalComment.TextMaxLength);
}

internal sealed class CommentOnProposalCommandHandler(TeamCodexDbContext db, CodexAccess access, TimeProvider clock)
    : IRequestHandler<CommentOnProposalCommand, Guid>
{
    public async Task<Guid> Handle(CommentOnProposalCommand command, CancellationToken ct)
    {
        var (proposal, codex) = await ProposalLoader.LoadAsync(db, command.ProposalId, ct);
        await access.RequireEditAsync(codex.OrgUnitId, ct);
        var comment = proposal.Comment(access.PersonId, command.Text, clock.GetUtcNow());
        db.ProposalComments.Add(comment);
        await db.SaveChangesAsync(ct);
        return comment.Id;
    }
}

internal static class ProposalLoader
{
    public static async Task<(ChangeProposal Proposal, UnitCodex Codex)> LoadAsync(TeamCodexDbContext db, Guid proposalId, CancellationToken ct)
    {
        var proposal = await db.Proposals.FirstOrDefaultAsync(p => p.Id == proposalId, ct)
            ?? throw new NotFoundException("ChangeProposal", proposalId);
        var codex = await db.Codices.SingleAsync(c => c.Id == proposal.CodexId, ct);
        return (proposal, codex);
    }
}

public sealed record TextRequest(string? Text);

internal static class ChangeProposalEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/codex/proposals/{id:guid}/amend", async (Guid id, TextRequest request, IMediator mediator, CancellationToken ct) =>
            Results.Ok(new { revision = await mediator.Send(new AmendProposalCommand(id, request.Text ?? ""), ct) }));
        api.MapPost("/codex/proposals/{id:guid}/withdraw", async (Guid id, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new WithdrawProposalCommand(id), ct);
            return Results.NoContent();
        });
        api.MapPost("/codex/proposals/{id:guid}/comments", async (Guid id, TextRequest request, IMediator mediator, CancellationToken ct) =>
            Results.Ok(new { commentId = await mediator.Send(new CommentOnProposalCommand(id, request.Text ?? ""), ct) }));
    }
}
