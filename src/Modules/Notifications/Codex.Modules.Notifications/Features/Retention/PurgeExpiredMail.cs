using Codex.Modules.Notifications.Domain;
using Codex.Modules.Notifications.Persistence;
using Codex.Shared.Privacy;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Codex.Modules.Notifications.Features.Retention;

/// <summary>
/// Nightly: the mail log keeps a mail that is done with (sent, merged into a digest, failed, cancelled)
/// for `Retention:MailLogDays` (default 180) after it was queued, then it goes. Mail still to be sent stays.
/// </summary>
public sealed record PurgeExpiredMailCommand : IRequest<Unit>
{
    public const string JobName = "notifications-retention";

    /// <summary>The setting's name: `Retention:MailLogDays`.</summary>
    public const string Period = "MailLog";

    public const int DefaultDays = 180;
}

internal sealed class PurgeExpiredMailCommandHandler(NotificationsDbContext db, IConfiguration configuration, TimeProvider clock)
    : IRequestHandler<PurgeExpiredMailCommand, Unit>
{
    private static readonly EmailStatus[] Done = [EmailStatus.Sent, EmailStatus.Digested, EmailStatus.Failed, EmailStatus.Cancelled];

    public async Task<Unit> Handle(PurgeExpiredMailCommand command, CancellationToken cancellationToken)
    {
        if (Shared.Privacy.Retention.Cutoff(configuration, PurgeExpiredMailCommand.Period, PurgeExpiredMailCommand.DefaultDays, clock.GetUtcNow()) is { } cutoff)
        {
            await db.EmailMessages.Where(m => Done.Contains(m.Status) && m.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        }

        return Unit.Value;
    }
}
