using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Mediation;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Privacy;

/// <summary>The audit trail of the module (who changed what, when, old → new), newest first.</summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record ListAuditQuery(AuditArea? Area = null, int Page = 1, int PageSize = 50) : IRequest<PagedResult<AuditLine>>;

public sealed record AuditLine(DateTimeOffset At, string Actor, AuditArea Area, string Subject, string? OldValue, string? NewValue);

internal sealed class ListAuditQueryValidator : AbstractValidator<ListAuditQuery>
{
    public ListAuditQueryValidator()
    {
        RuleFor(q => q.Area).IsInEnum();
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, PagingExtensions.MaxPageSize);
    }
}

internal sealed class ListAuditQueryHandler(SkillsDbContext db) : IRequestHandler<ListAuditQuery, PagedResult<AuditLine>>
{
    public Task<PagedResult<AuditLine>> Handle(ListAuditQuery query, CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (query.Area is { } area)
        {
            entries = entries.Where(e => e.Area == area);
        }

        return entries.OrderByDescending(e => e.At).ThenBy(e => e.Id)
            .Select(e => new AuditLine(e.At, e.ActorName, e.Area, e.Subject, e.OldValue, e.NewValue))
            .ToPagedAsync(query.Page, query.PageSize, cancellationToken);
    }
}

internal static class ListAuditEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/skills/audit", async (AuditArea? area, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new ListAuditQuery(area, page ?? 1, pageSize ?? 50), ct)))
            .WithName("listSkillsAudit")
            .WithSummary("List who changed what in the skills module, newest first");
    }
}
