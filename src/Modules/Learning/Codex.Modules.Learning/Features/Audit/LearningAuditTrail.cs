using Codex.Modules.Learning.Persistence;
using Codex.Shared.Audit;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Features.Audit;

/// <summary>
/// Learning's part of the one audit trail: its "AuditTrail" table (sign-offs, path assignments) and the reads of one
/// learner's progress by someone else, which Learning keeps as <see cref="Domain.ProgressView"/>s for "Meine Daten".
/// </summary>
internal sealed class LearningAuditTrail(LearningDbContext db) : ModuleAuditTrail(db.AuditTrail, LearningDbContext.Module)
{
    public const string ProgressViewed = "progress.viewed";

    protected override Task AddOtherStoresAsync(AuditTrailRequested request, CancellationToken cancellationToken) =>
        request.AddAsync(
            db.ProgressViews.AsNoTracking(), v => v.At, v => v.ViewerPersonId, v => v.PersonId,
            v => new AuditTrailEntry(Module, v.At, ProgressViewed, v.ViewerPersonId, v.ViewerName, v.PersonId, null, null),
            cancellationToken);
}
