using Codex.Modules.Organization.Contracts;
using Codex.Modules.Organization.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Organization.Features.People;

internal sealed class FindPeopleByNameQueryHandler(OrganizationDbContext db) : IRequestHandler<FindPeopleByNameQuery, IReadOnlyList<PersonName>>
{
    public async Task<IReadOnlyList<PersonName>> Handle(FindPeopleByNameQuery query, CancellationToken cancellationToken)
    {
        var term = query.Term.Trim().ToLowerInvariant();
        if (term.Length == 0)
        {
            return [];
        }

        return await db.People.AsNoTracking()
            .Where(p => (p.FirstName + " " + p.LastName).ToLower().Contains(term))
            .OrderBy(p => p.LastName).ThenBy(p => p.FirstName)
            .Take(Math.Clamp(query.Max, 1, 100))
            .Select(p => new PersonName(p.Id, p.FirstName + " " + p.LastName))
            .ToListAsync(cancellationToken);
    }
}
