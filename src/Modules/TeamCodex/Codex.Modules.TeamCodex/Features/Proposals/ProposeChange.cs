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

/// <summary>Proposes the current draft as the next version, with a reason the team can discuss.</summary>
[RequiresSignIn]
public sealed record ProposeChangeCommand(Guid UnitId, string Title, string Rationale) : ICommand<Guid>;

internal sealed class ProposeChangeCommandValidator : AbstractValidator<ProposeChangeCommand>
{
    public ProposeChangeCommandValidator(IStringLocalizer<TeamCodexTexts> texts)
    {
        RuleFor(c => c.Title).NotEmpty().WithMessage(texts["Validation.ProposalTitleRequired"]).MaximumLength(ChangeProposal.TitleMaxLength);
        RuleFor(c => c.Rationale).NotEmpty().WithMessage(texts["Validation.RationaleRequired"]).MaximumLength(ChangeProposal.RationaleMaxLength);
    }
}

internal sealed class ProposeChangeCommandHandler(TeamCodexDbContext db, CodexAccess access, TimeProvider clock)
    : IRequestHandler<ProposeChangeCommand, Guid>
{
    public async Task<Guid> Handle(ProposeChangeCommand command, CancellationToken ct)
    {
        await access.RequireEditAsync(command.UnitId, ct);
        var codex = await access.CodexOfUnitAsync(command.UnitId, ct);
        var inForce = await VersionSections.InForceAsync(db, codex, ct);
        var proposal = ChangeProposal.Propose(Guid.NewGuid(), codex, command.Title, command.Rationale, inForce, access.PersonId, clock.GetUtcNow());
        db.Proposals.Add(proposal);
        await db.SaveChangesAsync(ct);
        return proposal.Id;
    }
}

/// <summary>The sections of the version in force (none before the first publication).</summary>
internal static class VersionSections
{
    public static async Task<IReadOnlyList<CodexSection>> InForceAsync(TeamCodexDbContext db, UnitCodex codex, CancellationToken ct) =>
        codex.VersionInForce is { } number
            ? (await db.Versions.AsNoTracking().SingleAsync(v => v.CodexId == codex.Id && v.Number == number, ct)).Sections
            : [];
}

public sealed record ProposeChangeRequest(string? Title, string? Rationale);

internal static class ProposeChangeEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/codex/units/{unitId:guid}/proposals", async (Guid unitId, ProposeChangeRequest request, IMediator mediator, CancellationToken ct) =>
        {
            var id = await mediator.Send(new ProposeChangeCommand(unitId, request.Title ?? "", request.Rationale ?? ""), ct);
            return Results.Created($"/api/codex/proposals/{id}", new { proposalId = id });
        })
            .WithName("proposeChange")
            .WithSummary("Propose the current draft as the next version, with a reason");
}
