using Codex.Modules.Learning.Contracts;
using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Features.Common;
using Codex.Modules.Skills.Features.Gaps;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Domain;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Levels;

/// <summary>One tool's level as the person assesses it; Version is that of their record (0 when there is none yet).</summary>
public sealed record OwnLevel(Guid ToolId, int Level, int Version);

/// <summary>The signed-in person assesses their own levels (several tools in one save).</summary>
[RequiresSignIn]
public sealed record AssessOwnLevelsCommand(IReadOnlyList<OwnLevel> Levels) : ICommand<Unit>;

/// <summary>A lead of the person's unit (or of a unit above it), or HR, confirms or adjusts a person's level, where the organisation allows them to see it.</summary>
[RequiresSignIn]
public sealed record ConfirmLevelCommand(Guid PersonId, Guid ToolId, int Level, int Version) : ICommand<Unit>;

/// <summary>The signed-in person's own picture: requirements, levels, gaps, suggested learning and history.</summary>
[RequiresSignIn]
public sealed record GetMySkillsQuery : IRequest<PersonSkills>;

/// <summary>A person's picture, for HR and their leads where the organisation allows it (the handler checks who).</summary>
[RequiresSignIn]
public sealed record GetPersonSkillsQuery(Guid PersonId) : IRequest<PersonSkills>;

public sealed record PersonSkills(
    Guid PersonId,
    IReadOnlyList<string> Roles,
    IReadOnlyList<SkillLine> Lines,
    IReadOnlyList<SuggestedPath> SuggestedPaths,
    IReadOnlyList<HistoryLine> History);

/// <param name="RequiredLevel">0 when none of the person's roles requires the tool.</param>
public sealed record SkillLine(Guid ToolId, string ToolName, ToolCategory Category, int RequiredLevel, bool Mandatory, int CurrentLevel, bool ConfirmedByLead, ProficiencySource? Source, int Version)
{
    public bool IsGap => CurrentLevel < RequiredLevel;
}

public sealed record HistoryLine(string ToolName, int OldLevel, int NewLevel, ProficiencySource Source, DateTimeOffset At);

internal sealed class AssessOwnLevelsCommandValidator : AbstractValidator<AssessOwnLevelsCommand>
{
    public AssessOwnLevelsCommandValidator()
    {
        RuleFor(c => c.Levels).NotNull().Must(l => l.Count <= 1000);
        RuleForEach(c => c.Levels).ChildRules(l =>
        {
            l.RuleFor(x => x.ToolId).NotEmpty();
            l.RuleFor(x => x.Level).InclusiveBetween(ProficiencyScale.None, ProficiencyScale.CanTeach);
            l.RuleFor(x => x.Version).GreaterThanOrEqualTo(0);
        });
        RuleFor(c => c.Levels).Must(l => l.Select(x => x.ToolId).Distinct().Count() == l.Count).When(c => c.Levels is not null);
    }
}

internal sealed class ConfirmLevelCommandValidator : AbstractValidator<ConfirmLevelCommand>
{
    public ConfirmLevelCommandValidator()
    {
        RuleFor(c => c.PersonId).NotEmpty();
        RuleFor(c => c.ToolId).NotEmpty();
        RuleFor(c => c.Level).InclusiveBetween(ProficiencyScale.None, ProficiencyScale.CanTeach);
        RuleFor(c => c.Version).GreaterThanOrEqualTo(0);
    }
}

internal sealed class AssessOwnLevelsCommandHandler(SkillsDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<AssessOwnLevelsCommand, Unit>
{
    public async Task<Unit> Handle(AssessOwnLevelsCommand command, CancellationToken cancellationToken)
    {
        var personId = user.PersonId ?? throw new ForbiddenException();
        var toolIds = command.Levels.Select(l => l.ToolId).ToList();
        if (await db.Tools.CountAsync(t => toolIds.Contains(t.Id), cancellationToken) != toolIds.Count)
        {
            throw new DomainException("Skills.UnknownTool", "A tool does not exist (any more).");
        }

        var existing = await db.Proficiencies.Where(p => p.PersonId == personId && toolIds.Contains(p.ToolId)).ToDictionaryAsync(p => p.ToolId, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var level in command.Levels)
        {
            var isNew = !existing.TryGetValue(level.ToolId, out var proficiency);
            if (isNew)
            {
                if (level.Version != 0)
                {
                    throw new ConcurrencyConflictException(nameof(Proficiency), level.ToolId);
                }

                proficiency = Proficiency.Start(personId, level.ToolId);
            }
            else
            {
                db.ExpectVersion(proficiency!, level.Version);
            }

            // The aggregate decides what is a change: an untouched tool leaves neither a record nor history.
            if (proficiency!.AssessSelf(level.Level, personId, now) is not { } change)
            {
                continue;
            }

            if (isNew)
            {
                db.Proficiencies.Add(proficiency);
            }

            db.ProficiencyChanges.Add(change);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal sealed class ConfirmLevelCommandHandler(SkillsDbContext db, SkillsAccess access, ICurrentUser user, TimeProvider clock) : IRequestHandler<ConfirmLevelCommand, Unit>
{
    public async Task<Unit> Handle(ConfirmLevelCommand command, CancellationToken cancellationToken)
    {
        var lead = user.PersonId ?? throw new ForbiddenException();
        // Confirming needs seeing: only where the organisation lets leads/HR see individual levels.
        if (lead == command.PersonId || !await access.MaySeeIndividualAsync(command.PersonId, cancellationToken))
        {
            throw new ForbiddenException();
        }

        if (!await db.Tools.AnyAsync(t => t.Id == command.ToolId, cancellationToken))
        {
            throw new NotFoundException(nameof(Tool), command.ToolId);
        }

        var proficiency = await db.Proficiencies.FirstOrDefaultAsync(p => p.PersonId == command.PersonId && p.ToolId == command.ToolId, cancellationToken);
        if (proficiency is null)
        {
            proficiency = Proficiency.Start(command.PersonId, command.ToolId);
            db.Proficiencies.Add(proficiency);
        }
        else
        {
            db.ExpectVersion(proficiency, command.Version);
        }

        var now = clock.GetUtcNow();
        var change = proficiency.ConfirmByLead(command.Level, lead, now);
        db.ProficiencyChanges.Add(change);
        db.AuditEntries.Add(access.Audit(now, AuditArea.Proficiency, $"{command.PersonId} · {command.ToolId}", change.OldLevel.ToString(), change.NewLevel.ToString(), command.PersonId));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal sealed class GetMySkillsQueryHandler(PersonSkillsReader reader, ICurrentUser user) : IRequestHandler<GetMySkillsQuery, PersonSkills>
{
    public Task<PersonSkills> Handle(GetMySkillsQuery request, CancellationToken cancellationToken) =>
        reader.ReadAsync(user.PersonId ?? throw new ForbiddenException(), cancellationToken);
}

internal sealed class GetPersonSkillsQueryHandler(PersonSkillsReader reader, SkillsAccess access, TimeProvider clock) : IRequestHandler<GetPersonSkillsQuery, PersonSkills>
{
    public async Task<PersonSkills> Handle(GetPersonSkillsQuery query, CancellationToken cancellationToken)
    {
        await access.EnsureMaySeeIndividualAsync(query.PersonId, cancellationToken);
        var skills = await reader.ReadAsync(query.PersonId, cancellationToken);
        await access.RecordIndividualViewAsync(query.PersonId, "levels", clock.GetUtcNow(), cancellationToken);
        return skills;
    }
}

internal sealed class PersonSkillsReader(SkillsDbContext db, GapCalculator gaps, IMediator mediator)
{
    public async Task<PersonSkills> ReadAsync(Guid personId, CancellationToken cancellationToken)
    {
        var status = (await gaps.PersonAsync(personId, cancellationToken)).ToDictionary(s => s.ToolId);
        var tools = await db.Tools.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name, t.Category }).ToListAsync(cancellationToken);
        var levels = await db.Proficiencies.AsNoTracking().Where(p => p.PersonId == personId).ToDictionaryAsync(p => p.ToolId, cancellationToken);
        var roles = await (from a in db.RoleAssignments.AsNoTracking()
                           where a.PersonId == personId
                           join r in db.Roles.AsNoTracking() on a.RoleId equals r.Id
                           orderby r.Name
                           select r.Name).ToListAsync(cancellationToken);
        var lines = tools.Select(t =>
        {
            var required = status.GetValueOrDefault(t.Id);
            var level = levels.GetValueOrDefault(t.Id);
            return new SkillLine(t.Id, t.Name, t.Category, required?.RequiredLevel ?? 0, required?.Mandatory ?? false,
                level?.Level ?? 0, level?.ConfirmedByLead ?? false, level?.Source, level?.Version ?? 0);
        })
            // Required tools first (mandatory before recommended), then the rest of the catalogue.
            .OrderByDescending(l => l.RequiredLevel > 0).ThenByDescending(l => l.Mandatory).ThenBy(l => l.ToolName, StringComparer.CurrentCulture)
            .ToList();
        var gapLevels = lines.Where(l => l.IsGap).Select(l => new ToolLevel(l.ToolId, l.RequiredLevel)).ToList();
        var paths = gapLevels.Count == 0 ? [] : await mediator.Send(new GetPathsForGapsQuery(gapLevels), cancellationToken);
        var names = tools.ToDictionary(t => t.Id, t => t.Name);
        var history = (await db.ProficiencyChanges.AsNoTracking().Where(c => c.PersonId == personId)
                .OrderByDescending(c => c.At).Take(50).ToListAsync(cancellationToken))
            .Where(c => names.ContainsKey(c.ToolId))
            .Select(c => new HistoryLine(names[c.ToolId], c.OldLevel, c.NewLevel, c.Source, c.At)).ToList();
        return new PersonSkills(personId, roles, lines, paths, history);
    }
}

internal static class ProficiencyEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/skills/me", async (IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new GetMySkillsQuery(), ct)));
        api.MapPut("/skills/me/levels", async (AssessOwnLevelsCommand command, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(command, ct);
            return Results.NoContent();
        });
        api.MapGet("/skills/people/{personId:guid}", async (Guid personId, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetPersonSkillsQuery(personId), ct)));
        api.MapGet("/skills/people/{personId:guid}/gaps", async (Guid personId, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetPersonGapsQuery(personId), ct)));
        api.MapPut("/skills/people/{personId:guid}/levels/{toolId:guid}", async (Guid personId, Guid toolId, ConfirmLevelCommand command, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(command with { PersonId = personId, ToolId = toolId }, ct);
            return Results.NoContent();
        });
    }
}

/// <summary>The contract's gap query behind sign-in, for the API (the contract itself carries no attributes).</summary>
[RequiresSignIn]
public sealed record GetPersonGapsQuery(Guid PersonId) : IRequest<IReadOnlyList<Contracts.ProficiencyGap>>;

internal sealed class GetPersonGapsQueryHandler(IMediator mediator) : IRequestHandler<GetPersonGapsQuery, IReadOnlyList<Contracts.ProficiencyGap>>
{
    public Task<IReadOnlyList<Contracts.ProficiencyGap>> Handle(GetPersonGapsQuery query, CancellationToken cancellationToken) =>
        mediator.Send(new Contracts.GetProficiencyGapsQuery(query.PersonId), cancellationToken);
}

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
