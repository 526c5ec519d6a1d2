using Codex.Modules.Skills.Persistence;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Assignments;

/// <summary>The roles each of the given people holds, for the assignment page.</summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record GetRolesOfPeopleQuery(IReadOnlyCollection<Guid> PersonIds) : IRequest<IReadOnlyList<HeldRole>>;

public sealed record HeldRole(Guid PersonId, Guid RoleId, string RoleName);

internal sealed class GetRolesOfPeopleQueryValidator : AbstractValidator<GetRolesOfPeopleQuery>
{
    public GetRolesOfPeopleQueryValidator() => RuleFor(q => q.PersonIds).NotNull().Must(p => p.Count <= 1000);
}

internal sealed class GetRolesOfPeopleQueryHandler(SkillsDbContext db) : IRequestHandler<GetRolesOfPeopleQuery, IReadOnlyList<HeldRole>>
{
    public async Task<IReadOnlyList<HeldRole>> Handle(GetRolesOfPeopleQuery query, CancellationToken cancellationToken) =>
        await (from a in db.RoleAssignments.AsNoTracking()
               where query.PersonIds.Contains(a.PersonId)
               join r in db.Roles.AsNoTracking() on a.RoleId equals r.Id
               orderby r.Name
               select new HeldRole(a.PersonId, r.Id, r.Name)).ToListAsync(cancellationToken);
}
