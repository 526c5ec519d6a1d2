using Codex.Modules.Organization.Domain;
using Codex.Modules.Organization.Persistence;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Organization.Features.OrgUnits;

[RequiresSignIn]
public sealed record GetOrgUnitQuery(Guid Id) : IRequest<OrgUnitDetails>;

public sealed record OrgUnitDetails(
    Guid Id, string Name, OrgUnitKind Kind, Guid? ParentId, string? ParentName, int Version,
    IReadOnlyList<OrgUnitMember> Members, IReadOnlyList<OrgUnitParentOption> PossibleParents);

public sealed record OrgUnitMember(Guid PersonId, string DisplayName, bool IsLead, DateTimeOffset Since);

public sealed record OrgUnitParentOption(Guid Id, string Name);

internal sealed class GetOrgUnitQueryHandler(OrganizationDbContext db) : IRequestHandler<GetOrgUnitQuery, OrgUnitDetails>
{
    public async Task<OrgUnitDetails> Handle(GetOrgUnitQuery query, CancellationToken cancellationToken)
    {
        var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException(nameof(OrgUnit), query.Id);

        var members = await (
                from m in db.Memberships.AsNoTracking()
                join p in db.People.AsNoTracking() on m.PersonId equals p.Id
                where m.OrgUnitId == unit.Id && p.IsActive // people who left keep their membership for a return, but are not shown
                orderby m.IsLead descending, p.LastName, p.FirstName
                select new OrgUnitMember(p.Id, p.FirstName + " " + p.LastName, m.IsLead, m.Since))
            .ToListAsync(cancellationToken);

        // A unit can only move under a unit of the kind above it.
        OrgUnitKind? parentKind = unit.Kind switch
        {
            OrgUnitKind.Team => OrgUnitKind.Department,
            OrgUnitKind.Department => OrgUnitKind.Organisation,
            _ => null,
        };
        var parents = parentKind is null
            ? []
            : await db.OrgUnits.AsNoTracking().Where(u => u.Kind == parentKind)
                .OrderBy(u => u.Name).Select(u => new OrgUnitParentOption(u.Id, u.Name)).ToListAsync(cancellationToken);

        return new OrgUnitDetails(
            unit.Id, unit.Name, unit.Kind, unit.ParentId, parents.FirstOrDefault(p => p.Id == unit.ParentId)?.Name,
            unit.Version, members, parents);
    }
}

internal static class GetOrgUnitEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/org/units/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetOrgUnitQuery(id), ct)))
            .WithName("getOrgUnit")
            .WithSummary("Get a unit with its members and the units it could move under");
}
