using Codex.Shared.Mediation;
using Codex.Shared.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Host.Identity.Features.ListMySessions;

/// <summary>The signed-in person's open sessions ("Angemeldete Geräte"), newest first; the current one marked.</summary>
[RequiresSignIn]
public sealed record ListMySessionsQuery(Guid? CurrentSessionId) : IRequest<IReadOnlyList<MySession>>;

public sealed record MySession(Guid Id, string Device, DateTimeOffset Since, DateTimeOffset LastSeen, bool IsCurrent);

internal sealed class ListMySessionsQueryHandler(CodexIdentityDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<ListMySessionsQuery, IReadOnlyList<MySession>>
{
    public async Task<IReadOnlyList<MySession>> Handle(ListMySessionsQuery query, CancellationToken ct)
    {
        var accountId = currentUser.AccountId ?? Guid.Empty;
        var now = clock.GetUtcNow();
        // Few rows per person: the expiry is compared here, where DateTimeOffset works on every provider.
        var open = await db.Sessions.AsNoTracking()
            .Where(s => s.AccountId == accountId && s.EndedAt == null)
            .ToListAsync(ct);
        return [.. open.Where(s => s.IsActiveAt(now))
            .OrderByDescending(s => s.Id == query.CurrentSessionId).ThenByDescending(s => s.LastSeenAt)
            .Select(s => new MySession(s.Id, s.Device, s.CreatedAt, s.LastSeenAt, s.Id == query.CurrentSessionId))];
    }
}
