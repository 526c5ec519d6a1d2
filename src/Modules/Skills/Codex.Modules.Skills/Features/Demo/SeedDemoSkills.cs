using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Contracts;
using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Demo;

/// <summary>
/// Realistic roles, tools and requirements of a welfare association, role assignments by
/// department, and self-assessments with visible gaps (the demo member and lead included).
/// It runs before the outbox has delivered Organization's events, so it fills the membership projection itself.
/// </summary>
internal sealed class SeedDemoSkillsCommandHandler(SkillsDbContext db, IMediator mediator, TimeProvider clock)
    : IRequestHandler<SeedDemoSkillsCommand, bool>
{
    private const string CareDoc = "Pflegedokumentation (Tablet-App)";
    private const string Messenger = "Dienst-Messenger";
    private const string Roster = "Dienstplan-App";
    private const string Video = "Videokonferenz";
    private const string Dms = "Dokumentenmanagement (DMS)";
    private const string Office = "Office-Paket";
    private const string Tablet = "Diensttablet";
    private const string CaseFile = "Digitale Fallakte";
    private const string Passwords = "Passwortmanager";

    private static readonly (string Name, ToolCategory Category, string Description, string? Guide, ToolLifecycle Lifecycle, string[] Competences)[] DemoTools =
    [
        (CareDoc, ToolCategory.Documentation, "Leistungs- und Pflegedokumentation direkt beim Klienten, offline-fähig.", null, ToolLifecycle.InUse, ["1.3", "4.2"]),
        (Messenger, ToolCategory.Communication, "Freigegebener Messenger für dienstliche Absprachen – statt WhatsApp.", null, ToolLifecycle.BeingIntroduced, ["2.1", "2.5", "4.2"]),
        (Roster, ToolCategory.Scheduling, "Dienstpläne einsehen, Tauschwünsche und Abwesenheiten melden.", null, ToolLifecycle.InUse, ["2.1"]),
        (Video, ToolCategory.Communication, "Besprechungen, Fallkonferenzen und Onlineberatung per Video.", null, ToolLifecycle.InUse, ["2.1", "2.4"]),
        (Dms, ToolCategory.Documentation, "Ablage von Verträgen, Berichten und Vorlagen mit Rechtevergabe.", null, ToolLifecycle.BeingIntroduced, ["1.3", "2.2"]),
        (Office, ToolCategory.Office, "Textverarbeitung, Tabellen und E-Mail.", "https://support.microsoft.com/de-de/office", ToolLifecycle.InUse, ["3.1", "3.2"]),
        (Tablet, ToolCategory.Hardware, "Mobiles Endgerät der Pflegeteams mit Geräteverwaltung.", null, ToolLifecycle.InUse, ["4.1", "5.1"]),
        (CaseFile, ToolCategory.Documentation, "Fallführung in Beratung und Jugendhilfe.", null, ToolLifecycle.InUse, ["1.3", "4.2"]),
        (Passwords, ToolCategory.DataProtection, "Sichere Ablage von Zugangsdaten.", null, ToolLifecycle.BeingIntroduced, ["4.1", "4.2"]),
    ];

    private const string Nurse = "Pflegefachkraft";
    private const string CareAssistant = "Pflegehilfskraft";
    private const string SocialWorker = "Sozialarbeiter:in";
    private const string Educator = "Erzieher:in";
    private const string TeamLead = "Teamleitung";
    private const string Administration = "Verwaltung";

    private static readonly (string Name, string Description)[] DemoRoles =
    [
        (Nurse, "Examinierte Pflege in der ambulanten Versorgung."),
        (CareAssistant, "Grundpflege und hauswirtschaftliche Hilfe."),
        (SocialWorker, "Beratung und Fallführung."),
        (Educator, "Pädagogische Arbeit in Wohngruppe und Jugendtreff."),
        (TeamLead, "Leitung eines Teams, Dienstplanung und Mitarbeitendengespräche."),
        (Administration, "Personal, Abrechnung und Organisation."),
    ];

    private static readonly (string Role, string Tool, int Level, bool Mandatory, string Rationale)[] DemoRequirements =
    [
        (Nurse, CareDoc, 3, true, "Pflegeplanung und Leistungsnachweise entstehen beim Klienten."),
        (Nurse, Tablet, 2, true, "Dokumentation läuft auf dem Diensttablet."),
        (Nurse, Messenger, 2, true, "Absprachen im Team nur über den freigegebenen Messenger."),
        (Nurse, Roster, 2, true, "Dienste und Tausch nur über die App."),
        (Nurse, Passwords, 1, false, "Zugänge sicher verwahren."),
        (CareAssistant, CareDoc, 2, true, "Leistungsnachweise beim Klienten erfassen."),
        (CareAssistant, Tablet, 2, true, "Dokumentation läuft auf dem Diensttablet."),
        (CareAssistant, Messenger, 2, true, "Absprachen im Team nur über den freigegebenen Messenger."),
        (CareAssistant, Roster, 1, true, "Dienstplan einsehen."),
        (SocialWorker, CaseFile, 3, true, "Fallführung ist revisionssicher zu dokumentieren."),
        (SocialWorker, Video, 2, true, "Onlineberatung gehört zum Angebot."),
        (SocialWorker, Office, 2, true, "Berichte und Anträge."),
        (SocialWorker, Messenger, 2, true, "Kontakt zu Klient:innen nur über den freigegebenen Messenger."),
        (SocialWorker, Dms, 1, false, "Vorlagen finden."),
        (Educator, CaseFile, 2, true, "Entwicklungsberichte in der Fallakte."),
        (Educator, Messenger, 2, true, "Kontakt zu Jugendlichen und Eltern nur über den freigegebenen Messenger."),
        (Educator, Roster, 2, true, "Schichtdienst in der Wohngruppe."),
        (Educator, Office, 1, false, "Aushänge und Listen."),
        (TeamLead, Roster, 3, true, "Dienstpläne erstellen und freigeben."),
        (TeamLead, Video, 3, true, "Team- und Fallbesprechungen moderieren."),
        (TeamLead, Dms, 2, true, "Verträge und Protokolle ablegen."),
        (TeamLead, Office, 3, false, "Auswertungen und Berichte."),
        (TeamLead, Passwords, 2, true, "Teamzugänge verwalten."),
        (Administration, Office, 3, true, "Tabellen, Serienbriefe, Abrechnung."),
        (Administration, Dms, 3, true, "Personalakten und Verträge."),
        (Administration, Video, 2, false, "Besprechungen mit den Standorten."),
        (Administration, Passwords, 2, true, "Zugänge zu Fachverfahren."),
    ];

    public async Task<bool> Handle(SeedDemoSkillsCommand request, CancellationToken cancellationToken)
    {
        if (await db.Roles.AnyAsync(cancellationToken) || await db.Tools.AnyAsync(cancellationToken))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var tools = DemoTools.ToDictionary(
            t => t.Name,
            t => Tool.Create(Guid.NewGuid(), t.Name, t.Category, t.Description, t.Guide, t.Lifecycle, t.Competences));
        db.Tools.AddRange(tools.Values);
        var roles = DemoRoles.ToDictionary(r => r.Name, r => Role.Create(Guid.NewGuid(), r.Name, r.Description));
        db.Roles.AddRange(roles.Values);

        var matrix = await db.Matrices.Include(m => m.Requirements).FirstOrDefaultAsync(cancellationToken);
        if (matrix is null)
        {
            matrix = RequirementMatrix.Create();
            db.Matrices.Add(matrix);
        }

        matrix.Apply(DemoRequirements.Select(r => new RequirementCell(roles[r.Role].Id, tools[r.Tool].Id, r.Level, r.Mandatory, r.Rationale)));

        var units = await mediator.Send(new GetOrgUnitsQuery(), cancellationToken);
        var memberships = await mediator.Send(new GetUnitMembershipsQuery(), cancellationToken);
        var known = (await db.UnitMembers.Select(m => new { m.UnitId, m.PersonId }).ToListAsync(cancellationToken))
            .Select(m => (m.UnitId, m.PersonId)).ToHashSet();
        foreach (var m in memberships.Where(m => !known.Contains((m.UnitId, m.PersonId))))
        {
            db.UnitMembers.Add(new UnitMember(m.UnitId, m.PersonId, m.IsLead));
        }

        var names = (await mediator.Send(new GetPeopleContactsQuery(memberships.Select(m => m.PersonId).Distinct().ToList()), cancellationToken))
            .ToDictionary(p => p.PersonId, p => p.DisplayName);
        var byId = units.ToDictionary(u => u.Id);
        var personIndex = 0;
        foreach (var team in memberships.GroupBy(m => m.UnitId))
        {
            var unit = byId.GetValueOrDefault(team.Key);
            var department = unit?.ParentId is { } parentId && byId.TryGetValue(parentId, out var parent) ? parent.Name : "";
            var position = 0;
            foreach (var member in team.OrderByDescending(m => m.IsLead).ThenBy(m => names.GetValueOrDefault(m.PersonId), StringComparer.Ordinal))
            {
                var name = names.GetValueOrDefault(member.PersonId, "");
                var held = RolesFor(unit?.Level, department, unit?.Name ?? "", member.IsLead, position++);
                var holder = PersonRoles.For(member.PersonId);
                db.PersonRoles.Add(holder);
                foreach (var role in held)
                {
                    holder.Assign(roles[role], now);
                }

                Assess(member.PersonId, name, held, personIndex++, tools, now);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static string[] RolesFor(OrgUnitLevel? level, string department, string team, bool isLead, int position)
    {
        if (level == OrgUnitLevel.Organisation)
        {
            return [Administration];
        }

        string[] main = department switch
        {
            _ when department.Contains("Pflege", StringComparison.Ordinal) => [position % 3 == 2 ? CareAssistant : Nurse],
            _ when department.Contains("Jugend", StringComparison.Ordinal) => [team.Contains("Jugendtreff", StringComparison.Ordinal) && position % 2 == 1 ? SocialWorker : Educator],
            _ => [SocialWorker],
        };
        return isLead ? [.. main, TeamLead] : main;
    }

    /// <summary>
    /// Plausible self-assessments spread over the scale; the demo member (Mehmet Yılmaz) and the demo
    /// lead (Sabine Krüger) get deliberate gaps so the pages have something to show.
    /// </summary>
    private void Assess(Guid personId, string name, string[] held, int personIndex, Dictionary<string, Tool> tools, DateTimeOffset now)
    {
        var required = DemoRequirements.Where(r => held.Contains(r.Role)).GroupBy(r => r.Tool).Select(g => (Tool: g.Key, Level: g.Max(r => r.Level)));
        var toolIndex = 0;
        foreach (var (toolName, requiredLevel) in required)
        {
            toolIndex++;
            int? level = name switch
            {
                "Mehmet Yılmaz" => toolName is CareDoc or Messenger ? 1 : requiredLevel,
                "Sabine Krüger" => toolName is Video or Dms ? requiredLevel - 1 : Math.Min(4, requiredLevel + 1),
                // Every fifth assessment is still missing; the rest scatter around the requirement.
                _ => (personIndex * 7 + toolIndex * 3) % 5 == 0 ? null : Math.Clamp(requiredLevel + ((personIndex + toolIndex) % 4) - 1, 0, 4),
            };
            if (level is null)
            {
                continue;
            }

            var proficiency = Proficiency.Start(personId, tools[toolName].Id);
            db.Proficiencies.Add(proficiency);
            if (proficiency.AssessSelf(level.Value, personId, now.AddDays(-14)) is { } change)
            {
                db.ProficiencyChanges.Add(change);
            }
        }
    }
}
