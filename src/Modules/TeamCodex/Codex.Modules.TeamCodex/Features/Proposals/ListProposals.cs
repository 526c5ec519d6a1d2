using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Proposals;

/// <summary>A unit's change proposals, newest first; open ones only unless asked otherwise.</summary>
[RequiresSignIn]
public sealed record ListProposalsQuery(Guid UnitId, bool IncludeClosed = false, int Page = 1) : IRequest<PagedResult<ProposalSummary>>;

internal sealed class ListProposalsQueryValidator : AbstractValidator<ListProposalsQuery>
{
    public ListProposalsQueryValidator() => RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
}

public sealed record ProposalSummary(Guid Id, string Title, ProposalStatus Status, int Revision, Guid AuthorId, DateTimeOffset UpdatedAt, int? PublishedAsVersion);

internal sealed class ListProposalsQueryHandler(TeamCodexDbContext db, CodexAccess access) : IRequestHandler<ListProposalsQuery, PagedResult<ProposalSummary>>
{
    public async Task<PagedResult<ProposalSummary>> Handle(ListProposalsQuery query, CancellationToken ct)
    {
        // Proposals are unfinished work of the unit, like its draft: its members (and admins) see them.
        await access.RequireEditAsync(query.UnitId, ct);
        var codexId = await db.Codices.Where(c => c.OrgUnitId == query.UnitId).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Codex", query.UnitId);
        return await db.Proposals.AsNoTracking()
            .Where(p => p.CodexId == codexId && (query.IncludeClosed || p.Status == ProposalStatus.Open))
            .OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id)
            .Select(p => new ProposalSummary(p.Id, p.Title, p.Status, p.Revision, p.AuthorId, p.UpdatedAt, p.PublishedAsVersion))
            .ToPagedAsync(query.Page, 20, ct);
    }
}

internal static class ListProposalsEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/codex/units/{unitId:guid}/proposals", async (Guid unitId, bool? includeClosed, int? page, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new ListProposalsQuery(unitId, includeClosed ?? false, page ?? 1), ct)))
            .WithName("listProposals")
            .WithSummary("List a unit's change proposals, newest first, open ones only unless asked otherwise");
    }
}
