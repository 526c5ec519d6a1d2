using Codex.Shared.Security;
using Codex.Shared.Audit;
using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Features.Proposals;
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

namespace Codex.Modules.TeamCodex.Features.Versions;

/// <summary>
/// A lead publishes a proposal that got consent. If its round is still open, it is closed now;
/// a standing objection (or a missed quorum) refuses publication.
/// </summary>
[RequiresSignIn]
public sealed record PublishProposalCommand(Guid ProposalId, string ChangeSummary) : ICommand<int>;

internal sealed class PublishProposalCommandValidator : AbstractValidator<PublishProposalCommand>
{
    public PublishProposalCommandValidator(IStringLocalizer<TeamCodexTexts> texts) =>
        RuleFor(c => c.ChangeSummary).NotEmpty().WithMessage(texts["Validation.ChangeSummaryRequired"])
            .MaximumLength(CodexVersion.ChangeSummaryMaxLength);
}

internal sealed class PublishProposalCommandHandler(TeamCodexDbContext db, CodexAccess access, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<PublishProposalCommand, int>
{
    public async Task<int> Handle(PublishProposalCommand command, CancellationToken ct)
    {
        var (proposal, codex) = await ProposalLoader.LoadAsync(db, command.ProposalId, ct);
        await access.RequireLeadAsync(codex.OrgUnitId, ct);
        var round = await db.Rounds.Include(r => r.Participants).Include(r => r.Responses)
            .Where(r => r.ProposalId == proposal.Id)
            .OrderByDescending(r => r.OpenedAt)
            .FirstOrDefaultAsync(ct)
            ?? throw new DomainException("Codex.ConsentMissing", "A proposal can be published only after a review round ended with consent to its current text.");
        var now = clock.GetUtcNow();
        var version = codex.PublishClosingItsRound(proposal, round, command.ChangeSummary, access.PersonId, now);
        db.Versions.Add(version);
        db.AuditTrail.Add(AuditRecord.Of(now, user, "codex.published", subjectPersonId: null, (await access.UnitAsync(codex.OrgUnitId, ct)).Unit.Name, FormattableString.Invariant($"v{version.Number}")));
        await db.SaveChangesAsync(ct);
        return version.Number;
    }
}

public sealed record PublishRequest(string? ChangeSummary);

internal static class PublishProposalEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/codex/proposals/{id:guid}/publish", async (Guid id, PublishRequest request, IMediator mediator, CancellationToken ct) =>
            Results.Ok(new { version = await mediator.Send(new PublishProposalCommand(id, request.ChangeSummary ?? ""), ct) }))
            .WithName("publishProposal")
            .WithSummary("Publish a proposal that got consent as the next version");
}
