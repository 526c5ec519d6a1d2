using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Mediation;
using Codex.Shared.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Tools;

/// <summary>The tool catalogue: everyone signed in may read it.</summary>
[RequiresSignIn]
public sealed record ListToolsQuery(string? Search = null, ToolCategory? Category = null, int Page = 1, int PageSize = 25)
    : IRequest<PagedResult<ToolItem>>;

internal sealed class ListToolsQueryValidator : AbstractValidator<ListToolsQuery>
{
    public ListToolsQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, PagingExtensions.MaxPageSize);
        RuleFor(q => q.Search).MaximumLength(100);
        RuleFor(q => q.Category).IsInEnum();
    }
}

internal sealed class ListToolsQueryHandler(SkillsDbContext db) : IRequestHandler<ListToolsQuery, PagedResult<ToolItem>>
{
    public async Task<PagedResult<ToolItem>> Handle(ListToolsQuery query, CancellationToken cancellationToken)
    {
        var tools = db.Tools.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLowerInvariant();
            tools = tools.Where(t => t.Name.ToLower().Contains(term) || t.Description.ToLower().Contains(term));
        }

        if (query.Category is { } category)
        {
            tools = tools.Where(t => t.Category == category);
        }

        return await tools.OrderBy(t => t.Name).ThenBy(t => t.Id)
            .Select(t => new ToolItem(t.Id, t.Name, t.Category, t.Description, t.GuideUrl, t.Lifecycle,
                t.Competences.OrderBy(c => c.CompetenceCode).Select(c => c.CompetenceCode).ToList(), t.Version))
            .ToPagedAsync(query.Page, query.PageSize, cancellationToken);
    }
}

internal static class ListToolsEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/skills/tools", async (string? search, ToolCategory? category, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new ListToolsQuery(search, category, page ?? 1, pageSize ?? 25), ct)))
            .WithName("listTools")
            .WithSummary("List the tool catalogue");
    }
}
