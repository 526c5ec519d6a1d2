using Codex.Shared.Audit;
using MediatR;

namespace Codex.Host.Audit;

/// <summary>
/// Nightly: every module's audit trail and the account audit keep their entries `Retention:AuditDays` (default 730,
/// the same period as Skills' and Learning's own audit stores), then the entries go.
/// </summary>
public sealed record PurgeExpiredAuditTrailCommand : IRequest<Unit>
{
    public const string JobName = "audit-retention";

    /// <summary>The setting `Retention:AuditDays`, shared with Skills' and Learning's own audit stores.</summary>
    public const string Period = "Audit";

    public const int DefaultDays = 730;
}

internal sealed class PurgeExpiredAuditTrailCommandHandler(IMediator mediator, IConfiguration configuration, TimeProvider clock)
    : IRequestHandler<PurgeExpiredAuditTrailCommand, Unit>
{
    public async Task<Unit> Handle(PurgeExpiredAuditTrailCommand command, CancellationToken cancellationToken)
    {
        if (Shared.Privacy.Retention.Cutoff(configuration, PurgeExpiredAuditTrailCommand.Period, PurgeExpiredAuditTrailCommand.DefaultDays, clock.GetUtcNow()) is { } cutoff)
        {
            await mediator.Publish(new AuditTrailExpired(cutoff), cancellationToken);
        }

        return Unit.Value;
    }
}
