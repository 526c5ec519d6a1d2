using Codex.Shared.Audit;
using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Features.Common;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Membership;

/// <summary>
/// An erased person's skills go: roles, levels, their history and the audit entries about their levels.
/// Roles, levels and memberships are removed through the change tracker, so coverage counts them out in
/// the same save; where the person acted on others (a lead's confirmation, an audited change) only the
/// actor is forgotten. Idempotent: a redelivery finds nothing left.
/// </summary>
internal sealed class PersonErasedListener(SkillsDbContext db, TimeProvider clock)
    : InboxListener<PersonErasedIntegrationEvent>(db, clock)
{
    protected override async Task ApplyAsync(PersonErasedIntegrationEvent e, CancellationToken cancellationToken)
    {
        var erased = e.PersonId;
        db.PersonRoles.RemoveRange(await db.PersonRoles.Include(p => p.Assignments).Include(p => p.Suspended).Where(p => p.Id == erased).ToListAsync(cancellationToken));
        db.Proficiencies.RemoveRange(await db.Proficiencies.Where(p => p.PersonId == erased).ToListAsync(cancellationToken));
        db.UnitMembers.RemoveRange(await db.UnitMembers.Where(m => m.PersonId == erased).ToListAsync(cancellationToken));
        await db.ProficiencyChanges.Where(c => c.PersonId == erased).ExecuteDeleteAsync(cancellationToken);
        await db.ProficiencyChanges.Where(c => c.ChangedBy == erased).ExecuteUpdateAsync(s => s.SetProperty(c => c.ChangedBy, (Guid?)null), cancellationToken);
        // Level entries name the person by id ("{person} · {tool}", see SetLevel), views by the id alone.
        var (levels, views) = ($"{erased} ·", SkillsAccess.ViewSubject(erased));
        await db.AuditEntries.Where(a => a.SubjectPersonId == erased || a.Subject.StartsWith(levels) || a.Subject == views).ExecuteDeleteAsync(cancellationToken);
        await db.AuditEntries.Where(a => a.ActorPersonId == erased)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ActorPersonId, (Guid?)null).SetProperty(a => a.ActorName, AuditRecord.ForgottenActor), cancellationToken);
        await db.AuditTrail.ForgetAsync(erased, cancellationToken);
    }
}
