using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Mediation;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.TeamCodex.Features.Proposals;

[RequiresSignIn]
public sealed record CommentOnProposalCommand(Guid ProposalId, string Text) : ICommand<Guid>;

internal sealed class CommentOnProposalCommandValidator : AbstractValidator<CommentOnProposalCommand>
{
    public CommentOnProposalCommandValidator(IStringLocalizer<TeamCodexTexts> texts) =>
        RuleFor(c => c.Text).NotEmpty().WithMessage(texts["Validation.CommentEmpty"]).MaximumLength(ProposalComment.TextMaxLength);
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

internal static class CommentOnProposalEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/codex/proposals/{id:guid}/comments", async (Guid id, TextRequest request, IMediator mediator, CancellationToken ct) =>
            Results.Ok(new { commentId = await mediator.Send(new CommentOnProposalCommand(id, request.Text ?? ""), ct) }))
            .WithName("commentOnProposal")
            .WithSummary("Comment on a proposal");
    }
}
