using Codex.Modules.Skills.Persistence;
using Codex.Shared.Mediation;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Roles;

/// <summary>Job roles with how many people hold each and how many tools each requires.</summary>
[RequiresSignIn]
public sealed record ListRolesQuery(string? Search = null) : IRequest<IReadOnlyList<RoleItem>>;

public sealed record RoleItem(Guid Id, string Name, string Description, int Holders, int Requirements, int Version);

internal sealed class ListRolesQueryValidator : AbstractValidator<ListRolesQuery>
{
    public ListRolesQueryValidator() => RuleFor(q => q.Search).MaximumLength(100);
}

internal sealed class ListRolesQueryHandler(SkillsDbContext db) : IRequestHandler<ListRolesQuery, IReadOnlyList<RoleItem>>
{
    public async Task<IReadOnlyList<RoleItem>> Handle(ListRolesQuery query, CancellationToken cancellationToken)
    {
        var roles = db.Roles.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLowerInvariant();
            roles = roles.Where(r => r.Name.ToLower().Contains(term));
        }

        // Roles are few (dozens): one query with two correlated counts is fine.
        return await roles.OrderBy(r => r.Name)
            .Select(r => new RoleItem(r.Id, r.Name, r.Description,
                db.RoleAssignments.Count(a => a.RoleId == r.Id), db.Requirements.Count(q => q.RoleId == r.Id), r.Version))
            .ToListAsync(cancellationToken);
    }
}

internal static class ListRolesEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/skills/roles", async (string? search, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new ListRolesQuery(search), ct)))
            .WithName("listRoles")
            .WithSummary("List job roles with how many people hold each and how many tools each requires");
    }
}
