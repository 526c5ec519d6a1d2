using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Proposals;

/// <summary>One proposal: its text next to the version in force, the discussion and the rounds deciding on it.</summary>
[RequiresSignIn]
public sealed record GetProposalQuery(Guid ProposalId) : IRequest<ProposalView>;

public sealed record ProposalView(
    Guid Id, Guid UnitId, string UnitName, string Title, string Rationale, ProposalStatus Status, int Revision,
    string Author, Guid AuthorId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int? BasedOnVersion, int? VersionInForce,
    IReadOnlyList<CodexSection> Sections, IReadOnlyList<CodexSection> InForceSections, bool DraftDiffers,
    IReadOnlyList<CommentView> Comments, IReadOnlyList<RoundInfo> Rounds, Guid? OpenRoundOfCodex, CodexPermissions Permissions, bool IAmAuthor,
    IReadOnlyList<EarlierRevisionView> EarlierRevisions)
{
    /// <summary>Whether the reader may amend or withdraw it: its author or a lead of the unit.</summary>
    public bool ICanChange => IAmAuthor || Permissions.CanLead;
}

/// <summary>A text the proposal had before an amendment, oldest first.</summary>
public sealed record EarlierRevisionView(int Number, string Title, string Rationale, IReadOnlyList<CodexSection> Sections, DateTimeOffset Since, string ReplacedBy, DateTimeOffset ReplacedAt);

public sealed record CommentView(string Author, string Text, int ProposalRevision, DateTimeOffset WrittenAt);

public sealed record RoundInfo(Guid Id, DateTimeOffset OpenedAt, DateOnly ClosesOn, bool IsOpen, RoundOutcome? Outcome);

internal sealed class GetProposalQueryHandler(TeamCodexDbContext db, CodexAccess access) : IRequestHandler<GetProposalQuery, ProposalView>
{
    public async Task<ProposalView> Handle(GetProposalQuery query, CancellationToken ct)
    {
        var proposal = await db.Proposals.AsNoTracking().Include(p => p.Comments).FirstOrDefaultAsync(p => p.Id == query.ProposalId, ct)
            ?? throw new NotFoundException("ChangeProposal", query.ProposalId);
        var codex = await db.Codices.AsNoTracking().SingleAsync(c => c.Id == proposal.CodexId, ct);
        var unit = await access.UnitAsync(codex.OrgUnitId, ct);
        var permissions = await access.RequireEditAsync(codex.OrgUnitId, ct);
        var inForce = await VersionSections.InForceAsync(db, codex, ct);
        var rounds = await db.Rounds.AsNoTracking()
            .Where(r => r.ProposalId == proposal.Id)
            .OrderByDescending(r => r.OpenedAt)
            .Select(r => new RoundInfo(r.Id, r.OpenedAt, r.ClosesOn, r.ClosedAt == null, r.Outcome))
            .ToListAsync(ct);
        var names = await access.NamesAsync(
            proposal.Comments.Select(c => c.AuthorId).Append(proposal.AuthorId).Concat(proposal.EarlierRevisions.Select(r => r.ReplacedBy)), ct);
        return new ProposalView(
            proposal.Id, codex.OrgUnitId, unit.Unit.Name, proposal.Title, proposal.Rationale, proposal.Status, proposal.Revision,
            names.GetValueOrDefault(proposal.AuthorId, "–"), proposal.AuthorId, proposal.CreatedAt, proposal.UpdatedAt, proposal.BasedOnVersion,
            codex.VersionInForce, proposal.Sections, inForce, !CodexSections.SameContent(codex.Draft, proposal.Sections),
            proposal.Comments.OrderBy(c => c.WrittenAt).Select(c => new CommentView(names.GetValueOrDefault(c.AuthorId, "–"), c.Text, c.ProposalRevision, c.WrittenAt)).ToList(),
            rounds, codex.OpenRoundId, permissions, proposal.AuthorId == access.PersonId,
            proposal.EarlierRevisions
                .Select(r => new EarlierRevisionView(r.Number, r.Title, r.Rationale, r.Sections, r.Since, names.GetValueOrDefault(r.ReplacedBy, "–"), r.ReplacedAt))
                .ToList());
    }
}

internal static class GetProposalEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/codex/proposals/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetProposalQuery(id), ct)))
            .WithName("getProposal")
            .WithSummary("Get a proposal next to the version in force, with its discussion and rounds");
    }
}
