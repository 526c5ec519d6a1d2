using Codex.Modules.Skills.Features.Common;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;

namespace Codex.Modules.Skills.Features.Levels;

/// <summary>
/// The people whose individual levels the signed-in lead (their led units' members) or HR (everyone in the
/// chosen unit) may open — empty while the organisation keeps individual levels private. 403 for anyone who is
/// neither HR nor leads a unit.
/// </summary>
[RequiresSignIn]
public sealed record ListVisiblePeopleQuery(Guid? UnitId) : IRequest<VisiblePeople>;

public sealed record VisiblePeople(bool IndividualVisible, IReadOnlyList<VisibleUnit> Units, Guid? UnitId, IReadOnlyList<VisiblePerson> People);

public sealed record VisibleUnit(Guid Id, string Name);

public sealed record VisiblePerson(Guid PersonId, string Name);

internal sealed class ListVisiblePeopleQueryHandler(SkillsAccess access, ICurrentUser user, IMediator mediator)
    : IRequestHandler<ListVisiblePeopleQuery, VisiblePeople>
{
    public async Task<VisiblePeople> Handle(ListVisiblePeopleQuery query, CancellationToken cancellationToken)
    {
        var isHr = user.IsInRole(CodexRoles.HR);
        var led = isHr ? [] : await access.LedUnitsAsync(cancellationToken);
        if (!isHr && led.Count == 0)
        {
            throw new ForbiddenException();
        }

        if (!(await access.RulesAsync(cancellationToken)).IndividualProficiencyVisibleToLeads)
        {
            return new VisiblePeople(false, [], null, []);
        }

        var units = await mediator.Send(new Organization.Contracts.GetOrgUnitsQuery(), cancellationToken);
        var allowed = isHr ? units.Select(u => u.Id).ToHashSet() : led.ToHashSet();
        var choices = units.Where(u => allowed.Contains(u.Id)).OrderBy(u => u.Name, StringComparer.CurrentCulture).Select(u => new VisibleUnit(u.Id, u.Name)).ToList();
        var unitId = query.UnitId is { } chosen && allowed.Contains(chosen) ? chosen : choices.FirstOrDefault()?.Id;
        if (unitId is null)
        {
            return new VisiblePeople(true, choices, null, []);
        }

        var ids = (await mediator.Send(new Organization.Contracts.GetUnitMembershipsQuery([unitId.Value]), cancellationToken))
            .Where(m => m.PersonId != user.PersonId).Select(m => m.PersonId).ToList();
        var people = (await mediator.Send(new Organization.Contracts.GetPeopleContactsQuery(ids), cancellationToken))
            .Where(p => p.IsActive).OrderBy(p => p.DisplayName, StringComparer.CurrentCulture).Select(p => new VisiblePerson(p.PersonId, p.DisplayName)).ToList();
        return new VisiblePeople(true, choices, unitId, people);
    }
}
