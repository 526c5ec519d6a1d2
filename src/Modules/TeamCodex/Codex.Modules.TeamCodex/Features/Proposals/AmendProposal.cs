using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Mediation;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.TeamCodex.Features.Proposals;

/// <summary>
/// The author or a lead takes the current draft as the proposal's new text (the earlier text stays in its history). If a round is deciding on the proposal,
/// earlier responses no longer count: everyone is asked again.
/// </summary>
[RequiresSignIn]
public sealed record AmendProposalCommand(Guid ProposalId, string Rationale) : ICommand<int>;

internal sealed class AmendProposalCommandValidator : AbstractValidator<AmendProposalCommand>
{
    public AmendProposalCommandValidator(IStringLocalizer<TeamCodexTexts> texts) =>
        RuleFor(c => c.Rationale).NotEmpty().WithMessage(texts["Validation.RationaleRequired"]).MaximumLength(ChangeProposal.RationaleMaxLength);
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

internal static class AmendProposalEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/codex/proposals/{id:guid}/amend", async (Guid id, TextRequest request, IMediator mediator, CancellationToken ct) =>
            Results.Ok(new { revision = await mediator.Send(new AmendProposalCommand(id, request.Text ?? ""), ct) }))
            .WithName("amendProposal")
            .WithSummary("Take the current draft as a proposal's new text");
    }
}
