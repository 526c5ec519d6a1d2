using Codex.Modules.Notifications.Domain;
using Codex.Modules.Notifications.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Notifications.Features.Sending;

/// <summary>Asked by the job after a run: did mail become due meanwhile?</summary>
public sealed record AnyMailDueQuery : IRequest<bool>;

internal sealed class AnyMailDueQueryHandler(NotificationsDbContext db, TimeProvider clock) : IRequestHandler<AnyMailDueQuery, bool>
{
    public Task<bool> Handle(AnyMailDueQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.EmailMessages.AnyAsync(
            m => (m.Status == EmailStatus.Queued && m.NextAttemptAt <= now) || (m.Status == EmailStatus.Sending && m.LeaseUntil < now),
            cancellationToken);
    }
}
