using Codex.Shared.Audit;
using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Persistence;
using Codex.Modules.Organization.Contracts;
using Codex.Shared.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Features.Projections;

/// <summary>
/// An erased person's learning goes: enrolments with their progress and evidence, and the copies of their
/// roles and memberships. Where they signed off or mentored others, the others' progress stays and only
/// the person is replaced by the anonymous id (or forgotten). Idempotent.
/// </summary>
internal sealed class PersonErasedListener(LearningDbContext db, TimeProvider clock)
    : InboxListener<PersonErasedIntegrationEvent>(db, clock)
{
    protected override async Task ApplyAsync(PersonErasedIntegrationEvent e, CancellationToken cancellationToken)
    {
        var (erased, anonymous) = (e.PersonId, e.AnonymousId);
        var enrolments = db.Enrolments.Where(x => x.PersonId == erased).Select(x => x.Id);
        await db.StepProgress.Where(s => enrolments.Contains(s.EnrolmentId)).ExecuteDeleteAsync(cancellationToken);
        await db.Enrolments.Where(x => x.PersonId == erased).ExecuteDeleteAsync(cancellationToken);
        await db.StepProgress.Where(s => s.SubmittedBy == erased).ExecuteUpdateAsync(s => s.SetProperty(p => p.SubmittedBy, anonymous), cancellationToken);
        await db.StepProgress.Where(s => s.CompletedBy == erased).ExecuteUpdateAsync(s => s.SetProperty(p => p.CompletedBy, anonymous), cancellationToken);
        await db.Enrolments.Where(x => x.MentorPersonId == erased).ExecuteUpdateAsync(s => s.SetProperty(x => x.MentorPersonId, (Guid?)null), cancellationToken);
        await db.Paths.Where(p => p.ChangedBy == erased).ExecuteUpdateAsync(s => s.SetProperty(p => p.ChangedBy, (Guid?)null), cancellationToken);
        await db.ProgressViews.Where(v => v.PersonId == erased).ExecuteDeleteAsync(cancellationToken);
        await db.ProgressViews.Where(v => v.ViewerPersonId == erased)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.ViewerPersonId, (Guid?)null).SetProperty(v => v.ViewerName, AuditRecord.ForgottenActor), cancellationToken);
        await db.AuditTrail.ForgetAsync(erased, cancellationToken);
        await db.RoleHolders.Where(h => h.PersonId == erased).ExecuteDeleteAsync(cancellationToken);
        await db.UnitMembers.Where(m => m.PersonId == erased).ExecuteDeleteAsync(cancellationToken);
    }
}
