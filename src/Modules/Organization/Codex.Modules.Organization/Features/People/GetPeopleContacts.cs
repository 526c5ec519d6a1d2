using Codex.Modules.Organization.Contracts;
using Codex.Modules.Organization.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Organization.Features.People;

internal sealed class GetPeopleContactsQueryHandler(OrganizationDbContext db)
    : IRequestHandler<GetPeopleContactsQuery, IReadOnlyList<PersonContact>>
{
    public async Task<IReadOnlyList<PersonContact>> Handle(GetPeopleContactsQuery query, CancellationToken cancellationToken)
    {
        var ids = query.PersonIds.Distinct().ToList();
        return await db.People.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Select(p => new PersonContact(p.Id, p.FirstName + " " + p.LastName, p.Email, p.PreferredLanguage, p.IsActive))
            .ToListAsync(cancellationToken);
    }
}
