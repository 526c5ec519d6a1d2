using Codex.Modules.Organization.Domain;
using Codex.Modules.Organization.Persistence;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Organization.Features.People;

/// <summary>A person's details with their units; Admin, HR and the person themself see them.</summary>
[RequiresSignIn]
public sealed record GetPersonQuery(Guid Id) : IRequest<PersonDetails>;

public sealed record PersonDetails(
    Guid Id, string FirstName, string LastName, string Email, string PreferredLanguage, bool IsActive, int Version,
    IReadOnlyList<PersonUnit> Units);

public sealed record PersonUnit(Guid OrgUnitId, string Name, OrgUnitKind Kind, bool IsLead);

internal sealed class GetPersonQueryHandler(OrganizationDbContext db, ICurrentUser user) : IRequestHandler<GetPersonQuery, PersonDetails>
{
    public async Task<PersonDetails> Handle(GetPersonQuery query, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(CodexRoles.Admin) && !user.IsInRole(CodexRoles.HR) && user.PersonId != query.Id)
        {
            throw new ForbiddenException();
        }

        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException(nameof(Person), query.Id);
        var units = await (
                from m in db.Memberships.AsNoTracking()
                join u in db.OrgUnits.AsNoTracking() on m.OrgUnitId equals u.Id
                where m.PersonId == person.Id
                orderby u.Name
                select new PersonUnit(u.Id, u.Name, u.Kind, m.IsLead))
            .ToListAsync(cancellationToken);
        return new PersonDetails(
            person.Id, person.FirstName, person.LastName, person.Email, person.PreferredLanguage, person.IsActive, person.Version, units);
    }
}

internal static class GetPersonEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/org/people/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetPersonQuery(id), ct)))
            .WithName("getPerson")
            .WithSummary("Get a person's details with their units");
}
