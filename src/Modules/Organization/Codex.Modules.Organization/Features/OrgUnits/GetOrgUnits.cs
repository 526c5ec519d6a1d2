using Codex.Modules.Organization.Contracts;
using Codex.Modules.Organization.Domain;
using Codex.Modules.Organization.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Organization.Features.OrgUnits;

internal sealed class GetOrgUnitsQueryHandler(OrganizationDbContext db) : IRequestHandler<GetOrgUnitsQuery, IReadOnlyList<OrgUnitSummary>>
{
    public async Task<IReadOnlyList<OrgUnitSummary>> Handle(GetOrgUnitsQuery query, CancellationToken cancellationToken)
    {
        var units = await db.OrgUnits.AsNoTracking()
            .Select(u => new { u.Id, u.ParentId, u.Name, u.Kind })
            .ToListAsync(cancellationToken);
        return units
            .OrderBy(u => u.Name, StringComparer.CurrentCulture)
            .Select(u => new OrgUnitSummary(u.Id, u.ParentId, u.Name, ToLevel(u.Kind)))
            .ToList();
    }

    internal static OrgUnitLevel ToLevel(OrgUnitKind kind) => kind switch
    {
        OrgUnitKind.Organisation => OrgUnitLevel.Organisation,
        OrgUnitKind.Department => OrgUnitLevel.Department,
        _ => OrgUnitLevel.Team,
    };
}

internal sealed class GetUnitMembershipsQueryHandler(OrganizationDbContext db)
    : IRequestHandler<GetUnitMembershipsQuery, IReadOnlyList<UnitMembership>>
{
    public async Task<IReadOnlyList<UnitMembership>> Handle(GetUnitMembershipsQuery query, CancellationToken cancellationToken)
    {
        var memberships = db.Memberships.AsNoTracking().Where(m => db.People.Any(p => p.Id == m.PersonId && p.IsActive));
        if (query.PersonId is { } personId)
        {
            memberships = memberships.Where(m => m.PersonId == personId);
        }

        if (query.UnitIds is { } unitIds)
        {
            var ids = unitIds.Distinct().ToList();
            memberships = memberships.Where(m => ids.Contains(m.OrgUnitId));
        }

        return await memberships
            .OrderBy(m => m.OrgUnitId).ThenBy(m => m.PersonId)
            .Select(m => new UnitMembership(m.OrgUnitId, m.PersonId, m.IsLead))
            .ToListAsync(cancellationToken);
    }
}
