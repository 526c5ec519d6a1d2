using Codex.Modules.Organization.Contracts;
using Codex.Modules.Organization.Domain;
using Codex.Modules.Organization.Features.OrgUnits;
using Codex.Modules.Organization.Persistence;
using Codex.Shared.Mediation;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Organization.Features.People;

/// <param name="UnitId">Only people who belong to this unit or any unit below it.</param>
[RequiresSignIn]
public sealed record ListPeopleQuery(string? Search = null, Guid? UnitId = null, int Page = 1, int PageSize = 25)
    : IRequest<PagedResult<PersonListItem>>;

/// <param name="Email">Only shown to Admin and HR (least visibility by default).</param>
public sealed record PersonListItem(Guid Id, string FirstName, string LastName, string? Email, bool IsActive);

internal sealed class ListPeopleQueryValidator : AbstractValidator<ListPeopleQuery>
{
    public ListPeopleQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, PagingExtensions.MaxPageSize);
        RuleFor(q => q.Search).MaximumLength(100);
    }
}

internal sealed class ListPeopleQueryHandler(OrganizationDbContext db, ICurrentUser user)
    : IRequestHandler<ListPeopleQuery, PagedResult<PersonListItem>>
{
    public async Task<PagedResult<PersonListItem>> Handle(ListPeopleQuery query, CancellationToken cancellationToken)
    {
        var people = db.People.AsNoTracking();
        if (query.UnitId is { } unitId)
        {
            var unitIds = await SubtreeAsync(unitId, cancellationToken);
            // "Id IN (people with a membership in the subtree)", driven by the memberships' key
            // (OrgUnitId, PersonId). A correlated EXISTS per person made SQLite probe that key once per
            // person and unit: 50,000 people × 800 units of a department took over a minute.
            var members = db.Memberships.Where(m => unitIds.Contains(m.OrgUnitId)).Select(m => m.PersonId);
            people = people.Where(p => members.Contains(p.Id));
        }

        // Least visibility: a search matches only what the viewer is shown, so nobody can probe a
        // hidden address letter by letter.
        var showEmail = user.IsInRole(CodexRoles.Admin) || user.IsInRole(CodexRoles.HR);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLowerInvariant();
            people = showEmail
                ? people.Where(p => (p.FirstName + " " + p.LastName).ToLower().Contains(term) || p.NormalizedEmail.Contains(term))
                : people.Where(p => (p.FirstName + " " + p.LastName).ToLower().Contains(term));
        }

        return await people
            .OrderBy(p => p.LastName).ThenBy(p => p.FirstName).ThenBy(p => p.Id)
            .Select(p => new PersonListItem(p.Id, p.FirstName, p.LastName, showEmail ? p.Email : null, p.IsActive))
            .ToPagedAsync(query.Page, query.PageSize, cancellationToken);
    }

    private async Task<List<Guid>> SubtreeAsync(Guid rootId, CancellationToken cancellationToken)
    {
        // The tree is small (hundreds of units), so walking it in memory is one cheap query.
        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId, u.Name, u.Kind }).ToListAsync(cancellationToken);
        var tree = new OrgUnitTree(units.Select(u => new OrgUnitSummary(u.Id, u.ParentId, u.Name, GetOrgUnitsQueryHandler.ToLevel(u.Kind))));
        var result = new List<Guid>();
        foreach (var unit in tree.Subtree(rootId))
        {
            result.Add(unit.Id);
        }

        return result;
    }
}

internal static class ListPeopleEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/org/people", async (string? search, Guid? unitId, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new ListPeopleQuery(search, unitId, page ?? 1, pageSize ?? 25), ct)))
            .WithName("listPeople")
            .WithSummary("List people, optionally searched or filtered by unit, one page at a time");
}
