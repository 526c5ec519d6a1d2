using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Errors;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Assignments;

internal static class RoleHolders
{
    /// <summary>Only active people of the organisation can be given a role.</summary>
    public static async Task<PersonContact> PersonAsync(IMediator mediator, Guid personId, CancellationToken cancellationToken) =>
        (await mediator.Send(new GetPeopleContactsQuery([personId]), cancellationToken)).FirstOrDefault(p => p.IsActive)
        ?? throw new NotFoundException("Person", personId);

    public static async Task<PersonRoles> LoadOrStartAsync(SkillsDbContext db, Guid personId, CancellationToken cancellationToken)
    {
        var holder = await db.PersonRoles.Include(p => p.Assignments).FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (holder is null)
        {
            holder = PersonRoles.For(personId);
            db.PersonRoles.Add(holder);
        }

        return holder;
    }
}
