using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Features.Common;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Privacy;
using Codex.Shared.Time;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Skills.Features.PersonalData;

/// <summary>
/// "Meine Daten": the person's roles, levels with their history and source, the audit entries about their levels,
/// and who else looked at their individual levels (see <see cref="SkillsAccess.RecordIndividualViewAsync"/>).
/// </summary>
internal sealed class CollectPersonalDataHandler(SkillsDbContext db, IMediator mediator, IStringLocalizer<SkillsTexts> texts)
    : INotificationHandler<PersonalDataRequested>
{
    public async Task Handle(PersonalDataRequested notification, CancellationToken cancellationToken)
    {
        var personId = notification.PersonId;
        var subject = SkillsAccess.ViewSubject(personId);
        var levelPrefix = subject + " · ";
        var tools = await db.Tools.AsNoTracking().Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var roles = await (from a in db.RoleAssignments.AsNoTracking()
                           where a.PersonId == personId
                           join r in db.Roles.AsNoTracking() on a.RoleId equals r.Id
                           select new { r.Name, a.AssignedAt }).ToListAsync(cancellationToken);
        var levels = await db.Proficiencies.AsNoTracking().Where(p => p.PersonId == personId).ToListAsync(cancellationToken);
        var history = await db.ProficiencyChanges.AsNoTracking().Where(c => c.PersonId == personId).ToListAsync(cancellationToken);
        var audit = await db.AuditEntries.AsNoTracking()
            .Where(a => (a.Area == AuditArea.Proficiency && a.Subject.StartsWith(levelPrefix)) || (a.Area == AuditArea.IndividualViewed && a.Subject == subject))
            .ToListAsync(cancellationToken);

        var people = history.Where(c => c.ChangedBy is not null).Select(c => c.ChangedBy!.Value)
            .Concat(audit.Where(a => a.ActorPersonId is not null).Select(a => a.ActorPersonId!.Value)).Distinct().ToList();
        var names = people.Count == 0 ? [] : (await mediator.Send(new GetPeopleContactsQuery(people), cancellationToken)).ToDictionary(p => p.PersonId, p => p.DisplayName);

        string T(string key) => texts[key].Value;
        string Tool(Guid id) => tools.GetValueOrDefault(id) ?? "–";
        string Who(Guid? id, string fallback) => id is { } known && names.TryGetValue(known, out var name) ? name : fallback;
        string ToolOf(string auditSubject) =>
            Guid.TryParse(auditSubject[levelPrefix.Length..], out var toolId) ? Tool(toolId) : auditSubject[levelPrefix.Length..];

        var rolesTable = PersonalDataTable.Of("roles", T("PersonalData.Roles"), [T("PersonalData.Role"), T("PersonalData.Since")],
            roles.OrderBy(r => r.Name, StringComparer.CurrentCulture).Select(r => (IReadOnlyList<string>)[r.Name, r.AssignedAt.LocalDate()]));
        var levelsTable = PersonalDataTable.Of("levels", T("PersonalData.Levels"),
            [T("PersonalData.Tool"), T("PersonalData.Level"), T("PersonalData.Source"), T("PersonalData.Confirmed"), T("PersonalData.ChangedAt")],
            levels.OrderBy(l => Tool(l.ToolId), StringComparer.CurrentCulture).Select(l => (IReadOnlyList<string>)
                [Tool(l.ToolId), Level(l.Level), T($"Source.{l.Source}"), T(l.ConfirmedByLead ? "Common.Yes" : "Common.No"),
                 l.UpdatedAt == default ? "–" : l.UpdatedAt.LocalDateTime()]));
        var historyTable = PersonalDataTable.Of("level-history", T("PersonalData.History"),
            [T("PersonalData.When"), T("PersonalData.Tool"), T("PersonalData.From"), T("PersonalData.To"), T("PersonalData.Source"), T("PersonalData.ChangedBy")],
            history.OrderByDescending(c => c.At).Select(c => (IReadOnlyList<string>)
                [c.At.LocalDateTime(), Tool(c.ToolId), Level(c.OldLevel), Level(c.NewLevel), T($"Source.{c.Source}"),
                 c.ChangedBy is null ? T("PersonalData.System") : Who(c.ChangedBy, "–")]));
        var auditTable = PersonalDataTable.Of("level-audit", T("PersonalData.Audit"),
            [T("PersonalData.When"), T("PersonalData.Who"), T("PersonalData.Tool"), T("PersonalData.From"), T("PersonalData.To")],
            audit.Where(a => a.Area == AuditArea.Proficiency).OrderByDescending(a => a.At).Select(a => (IReadOnlyList<string>)
                [a.At.LocalDateTime(), Who(a.ActorPersonId, a.ActorName), ToolOf(a.Subject), LevelText(a.OldValue), LevelText(a.NewValue)]));
        var viewsTable = PersonalDataTable.Of("views", T("PersonalData.Views"),
            [T("PersonalData.Who"), T("PersonalData.When"), T("PersonalData.What")],
            audit.Where(a => a.Area == AuditArea.IndividualViewed).OrderByDescending(a => a.At).Select(a => (IReadOnlyList<string>)
                [Who(a.ActorPersonId, a.ActorName), a.At.LocalDateTime(), T($"PersonalData.Viewed.{a.NewValue}")]));
        notification.Add(new PersonalDataSection(SkillsDbContext.Module, T("PersonalData.Title"),
            [rolesTable, levelsTable, historyTable, auditTable, viewsTable], T("PersonalData.Note")));
    }

    private string LevelText(string? stored) => int.TryParse(stored, out var level) ? Level(level) : stored ?? "–";

    private string Level(int level) => texts[$"PersonalData.LevelValue", level, texts[$"Level.{level}"].Value].Value;
}
