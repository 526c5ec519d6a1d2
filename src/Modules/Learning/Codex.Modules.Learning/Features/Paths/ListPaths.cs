using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Enrolments;
using Codex.Modules.Learning.Persistence;
using Codex.Shared.Domain;
using Codex.Shared.Mediation;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Features.Paths;

[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record ListPathsQuery(string? Search = null, int Page = 1, int PageSize = 25) : IRequest<PagedResult<PathListItem>>;

public sealed record PathListItem(Guid Id, string Title, int StepCount, int? RecurrenceMonths, IReadOnlyList<string> Roles);

internal sealed class ListPathsQueryValidator : AbstractValidator<ListPathsQuery>
{
    public ListPathsQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, PagingExtensions.MaxPageSize);
        RuleFor(q => q.Search).MaximumLength(100);
    }
}

internal sealed class ListPathsQueryHandler(LearningDbContext db) : IRequestHandler<ListPathsQuery, PagedResult<PathListItem>>
{
    public async Task<PagedResult<PathListItem>> Handle(ListPathsQuery query, CancellationToken cancellationToken)
    {
        var paths = db.Paths.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLowerInvariant();
            paths = paths.Where(p => p.Title.ToLower().Contains(term));
        }

        var page = await paths.OrderBy(p => p.Title).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Title, StepCount = p.Steps.Count, p.RecurrenceMonths })
            .ToPagedAsync(query.Page, query.PageSize, cancellationToken);
        var ids = page.Items.Select(p => p.Id).ToList();
        var roles = (await db.Assignments.AsNoTracking().Where(a => ids.Contains(a.PathId)).Select(a => new { a.PathId, a.RoleName }).ToListAsync(cancellationToken))
            .ToLookup(a => a.PathId, a => a.RoleName);
        return new PagedResult<PathListItem>(
            page.Items.Select(p => new PathListItem(p.Id, p.Title, p.StepCount, p.RecurrenceMonths, roles[p.Id].Order(StringComparer.CurrentCulture).ToList())).ToList(),
            page.Page, page.PageSize, page.TotalCount);
    }
}

internal static class ListPathsEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/learning/paths", async (string? search, int? page, int? pageSize, IMediator m, CancellationToken ct) =>
            Results.Ok(await m.Send(new ListPathsQuery(search, page ?? 1, pageSize ?? 25), ct)))
            .WithName("listPaths")
            .WithSummary("List learning paths, optionally searched, one page at a time");
}
