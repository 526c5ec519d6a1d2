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
using Microsoft.Extensions.Localization;

namespace Codex.Modules.TeamCodex.Features.Rounds;

/// <summary>A participant consents, consents with concerns, objects (with a reason) or abstains.</summary>
[RequiresSignIn]
public sealed record RespondToRoundCommand(Guid RoundId, ResponseKind Kind, string? Reason) : ICommand<Unit>;

internal sealed class RespondToRoundCommandValidator : AbstractValidator<RespondToRoundCommand>
{
    public RespondToRoundCommandValidator(IStringLocalizer<TeamCodexTexts> texts)
    {
        RuleFor(c => c.Kind).IsInEnum();
        RuleFor(c => c.Reason).NotEmpty().When(c => c.Kind == ResponseKind.Objection)
            .WithMessage(texts["Validation.ObjectionNeedsReason"]);
        RuleFor(c => c.Reason).MaximumLength(ReviewRound.ReasonMaxLength);
    }
}

internal sealed class RespondToRoundCommandHandler(TeamCodexDbContext db, CodexAccess access, TimeProvider clock)
    : IRequestHandler<RespondToRoundCommand, Unit>
{
    public async Task<Unit> Handle(RespondToRoundCommand command, CancellationToken ct)
    {
        var personId = access.PersonId;
        var round = await db.Rounds.Include(r => r.Participants).Include(r => r.Responses)
            .FirstOrDefaultAsync(r => r.Id == command.RoundId, ct)
            ?? throw new NotFoundException("ReviewRound", command.RoundId);
        if (!round.IsParticipant(personId))
        {
            throw new ForbiddenException();
        }

        // Responses are rows of their own, so people answering at the same moment never collide.
        db.RoundResponses.Add(round.Respond(personId, command.Kind, command.Reason, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}

public sealed record RespondRequest(ResponseKind? Kind, string? Reason);

internal static class RespondToRoundEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/codex/rounds/{id:guid}/responses", async (Guid id, RespondRequest request, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new RespondToRoundCommand(id, request.Kind ?? (ResponseKind)(-1), request.Reason), ct);
            return Results.NoContent();
        })
            .WithName("respondToRound")
            .WithSummary("Consent, consent with concerns, object or abstain in a round");
}
