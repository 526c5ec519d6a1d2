using Codex.Modules.Skills.Contracts;
using Codex.Modules.Skills.Features.Gaps;
using Codex.Modules.Skills.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Levels;

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
        var gapLevels = lines.Where(l => l.IsGap).Select(l => new NeededLevel(l.ToolId, l.RequiredLevel)).ToList();
        var paths = gapLevels.Count == 0 ? [] : await mediator.Send(new GetSuggestedLearningQuery(gapLevels), cancellationToken);
        var names = tools.ToDictionary(t => t.Id, t => t.Name);
        var history = (await db.ProficiencyChanges.AsNoTracking().Where(c => c.PersonId == personId)
                .OrderByDescending(c => c.At).Take(50).ToListAsync(cancellationToken))
            .Where(c => names.ContainsKey(c.ToolId))
            .Select(c => new HistoryLine(names[c.ToolId], c.OldLevel, c.NewLevel, c.Source, c.At)).ToList();
        return new PersonSkills(personId, roles, lines, paths, history);
    }
}
