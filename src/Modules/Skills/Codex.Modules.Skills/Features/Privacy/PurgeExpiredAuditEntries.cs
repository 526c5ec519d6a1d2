using Codex.Modules.Skills.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Codex.Modules.Skills.Features.Privacy;

/// <summary>Nightly: audit entries (changes, and who viewed whose levels) are kept `Retention:AuditDays` (default 730), then they go.</summary>
public sealed record PurgeExpiredAuditEntriesCommand : IRequest<Unit>
{
    public const string JobName = "skills-retention";

    /// <summary>The setting's name: `Retention:AuditDays` (shared with Learning's records of who viewed progress).</summary>
    public const string Period = "Audit";

    public const int DefaultDays = 730;
}

internal sealed class PurgeExpiredAuditEntriesCommandHandler(SkillsDbContext db, IConfiguration configuration, TimeProvider clock)
    : IRequestHandler<PurgeExpiredAuditEntriesCommand, Unit>
{
    public async Task<Unit> Handle(PurgeExpiredAuditEntriesCommand command, CancellationToken cancellationToken)
    {
        if (Shared.Privacy.Retention.Cutoff(configuration, PurgeExpiredAuditEntriesCommand.Period, PurgeExpiredAuditEntriesCommand.DefaultDays, clock.GetUtcNow()) is { } cutoff)
        {
            await db.AuditEntries.Where(a => a.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        }

        return Unit.Value;
    }
}
