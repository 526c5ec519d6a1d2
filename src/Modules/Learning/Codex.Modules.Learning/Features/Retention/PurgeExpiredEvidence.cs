using Codex.Modules.Learning.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Codex.Modules.Learning.Features.Retention;

/// <summary>
/// Nightly: the evidence a learner gave for a step (a note, a link) is kept `Retention:LearningEvidenceDays`
/// (default 1095, three years) after the step was completed; then only the fact of completion stays.
/// Records of who viewed someone's progress are kept `Retention:AuditDays` (default 730), like every audit entry.
/// </summary>
public sealed record PurgeExpiredEvidenceCommand : IRequest<Unit>
{
    public const string JobName = "learning-retention";

    /// <summary>The settings' names: `Retention:LearningEvidenceDays` and `Retention:AuditDays`.</summary>
    public const string EvidencePeriod = "LearningEvidence";

    public const string AuditPeriod = "Audit";

    public const int DefaultEvidenceDays = 1095;

    public const int DefaultAuditDays = 730;
}

internal sealed class PurgeExpiredEvidenceCommandHandler(LearningDbContext db, IConfiguration configuration, TimeProvider clock)
    : IRequestHandler<PurgeExpiredEvidenceCommand, Unit>
{
    public async Task<Unit> Handle(PurgeExpiredEvidenceCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (Shared.Privacy.Retention.Cutoff(configuration, PurgeExpiredEvidenceCommand.EvidencePeriod, PurgeExpiredEvidenceCommand.DefaultEvidenceDays, now) is { } evidence)
        {
            await db.StepProgress.Where(s => s.Evidence != null && s.CompletedAt < evidence)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Evidence, (string?)null), cancellationToken);
        }

        if (Shared.Privacy.Retention.Cutoff(configuration, PurgeExpiredEvidenceCommand.AuditPeriod, PurgeExpiredEvidenceCommand.DefaultAuditDays, now) is { } audit)
        {
            await db.ProgressViews.Where(v => v.At < audit).ExecuteDeleteAsync(cancellationToken);
        }

        return Unit.Value;
    }
}
