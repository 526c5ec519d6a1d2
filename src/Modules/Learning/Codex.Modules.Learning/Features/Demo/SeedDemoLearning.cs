using Codex.Modules.Learning.Contracts;
using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Enrolments;
using Codex.Modules.Learning.Persistence;
using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Contracts;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Features.Demo;

/// <summary>
/// Three realistic paths assigned to the demo roles, with some progress. It runs before the outbox
/// has delivered RoleAssigned and MembershipChanged, so it fills both projections itself.
/// </summary>
internal sealed class SeedDemoLearningCommandHandler(LearningDbContext db, Enroller enroller, IMediator mediator, TimeProvider clock)
    : IRequestHandler<SeedDemoLearningCommand, bool>
{
    public async Task<bool> Handle(SeedDemoLearningCommand request, CancellationToken cancellationToken)
    {
        if (await db.Paths.AnyAsync(cancellationToken))
        {
            return false;
        }

        var tools = (await mediator.Send(new GetToolCatalogueQuery(), cancellationToken)).ToDictionary(t => t.Name, t => t.ToolId);
        var roles = (await mediator.Send(new GetRoleListQuery(), cancellationToken)).ToDictionary(r => r.Name);
        if (tools.Count == 0 || roles.Count == 0)
        {
            return false; // Skills has nothing to learn for yet
        }

        var now = clock.GetUtcNow();
        Guid? Tool(string name) => tools.TryGetValue(name, out var id) ? id : null;

        var careDoc = LearningPath.Create(Guid.NewGuid(), "Digitale Pflegedokumentation – Grundlagen",
            "Vom ersten Anmelden bis zur sicheren Dokumentation beim Klienten – Schritt für Schritt und im eigenen Tempo.", false, null, now);
        careDoc.AddStep(Guid.NewGuid(), new StepDetails("Einführungsvideo: Aufbau der Pflege-App", StepKind.ELearning, 30, null, null, null, null, null, false));
        careDoc.AddStep(Guid.NewGuid(), new StepDetails("Workshop: Pflegeplanung am Tablet", StepKind.Workshop, 180, null, now.AddDays(14).Date.AddHours(9), "Geschäftsstelle, Raum 2", null, null, false));
        careDoc.AddStep(Guid.NewGuid(), new StepDetails("Drei Einsätze mit Kolleg:in dokumentieren", StepKind.Tandem, 120, null, null, null, Tool("Pflegedokumentation (Tablet-App)"), Tool("Pflegedokumentation (Tablet-App)") is null ? null : 3, true,
            "Eine erfahrene Kollegin oder ein erfahrener Kollege schaut über die Schulter und gibt Rückmeldung."));

        var messenger = LearningPath.Create(Guid.NewGuid(), "Messenger datenschutzkonform nutzen",
            "Warum nicht WhatsApp? Was darf in den Dienst-Messenger, was nicht? Mit Auffrischung alle 24 Monate.", true, 24, now);
        messenger.AddStep(Guid.NewGuid(), new StepDetails("Merkblatt Datenschutz im Messenger lesen", StepKind.Reading, 15, null, null, null, null, null, false));
        messenger.AddStep(Guid.NewGuid(), new StepDetails("E-Learning: Dienst-Messenger einrichten", StepKind.ELearning, 20, null, null, null, null, null, false));
        messenger.AddStep(Guid.NewGuid(), new StepDetails("Praxisaufgabe: Teamabsprache über den Messenger", StepKind.PracticeTask, 30, null, null, null, Tool("Dienst-Messenger"), Tool("Dienst-Messenger") is null ? null : 2, true));

        var video = LearningPath.Create(Guid.NewGuid(), "Videoberatung mit Klient:innen",
            "Onlineberatung sicher und zugewandt gestalten: Technik, Datenschutz und Gesprächsführung.", false, null, now);
        video.AddStep(Guid.NewGuid(), new StepDetails("E-Learning: Videokonferenz-Grundlagen", StepKind.ELearning, 45, null, null, null, null, null, false));
        video.AddStep(Guid.NewGuid(), new StepDetails("Leitfaden Onlineberatung lesen", StepKind.Reading, 30, null, null, null, null, null, false));
        video.AddStep(Guid.NewGuid(), new StepDetails("Probeberatung im Tandem", StepKind.Tandem, 60, null, null, null, Tool("Videokonferenz"), Tool("Videokonferenz") is null ? null : 2, true));

        (LearningPath Path, string Role, int Days)[] plan =
        [
            (careDoc, "Pflegefachkraft", 60), (careDoc, "Pflegehilfskraft", 90),
            (messenger, "Pflegefachkraft", 30), (messenger, "Pflegehilfskraft", 30), (messenger, "Sozialarbeiter:in", 30), (messenger, "Erzieher:in", 30),
            (video, "Sozialarbeiter:in", 60), (video, "Teamleitung", 60),
        ];
        foreach (var (path, role, days) in plan.Where(p => roles.ContainsKey(p.Role)))
        {
            path.AssignToRole(roles[role].RoleId, role, days, now);
        }

        db.Paths.AddRange(careDoc, messenger, video);

        var known = (await db.RoleHolders.ToListAsync(cancellationToken)).Select(h => (h.RoleId, h.PersonId)).ToHashSet();
        foreach (var role in roles.Values)
        {
            foreach (var person in await mediator.Send(new GetRoleHoldersQuery(role.RoleId), cancellationToken))
            {
                if (known.Add((role.RoleId, person)))
                {
                    db.RoleHolders.Add(new RoleHolder(role.RoleId, person));
                }
            }
        }

        var members = (await db.UnitMembers.ToListAsync(cancellationToken)).Select(m => (m.UnitId, m.PersonId)).ToHashSet();
        foreach (var m in await mediator.Send(new GetUnitMembershipsQuery(), cancellationToken))
        {
            if (members.Add((m.UnitId, m.PersonId)))
            {
                db.UnitMembers.Add(new UnitMember(m.UnitId, m.PersonId, m.IsLead));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (path, role, days) in plan.Where(p => roles.ContainsKey(p.Role)))
        {
            // Enrolled a while ago, so due dates spread over the coming weeks (and a few are overdue).
            await enroller.EnrolRoleHoldersAsync(path.Id, roles[role].RoleId, now.AddDays(-30), now.AddDays(days - 30), cancellationToken);
        }

        await SeedProgressAsync([careDoc, messenger, video], now, cancellationToken);
        return true;
    }

    /// <summary>Some people are under way: the first step (never a target step, so Skills is untouched) done by every second person.</summary>
    private async Task SeedProgressAsync(LearningPath[] paths, DateTimeOffset now, CancellationToken ct)
    {
        var index = 0;
        foreach (var path in paths)
        {
            var rules = EnrolmentLoading.Rules(path);
            var enrolments = await db.Enrolments.Include(e => e.Steps).Where(e => e.PathId == path.Id).OrderBy(e => e.PersonId).ToListAsync(ct);
            foreach (var enrolment in enrolments)
            {
                var done = index++ % 3;
                foreach (var rule in rules.Where(r => r.TargetToolId is null && !r.RequiresSignOff).Take(done))
                {
                    enrolment.Complete(rule, rules, path.AnyOrder, null, enrolment.PersonId, false, now.AddDays(-20 + done));
                }
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
