using Codex.Shared.Mediation;
using Codex.Shared.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Host.Identity.Features.CountOpenInvitations;

/// <summary>For HR's home page: invited people who have not set a password yet, and how many of their links expired.</summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record CountOpenInvitationsQuery : IRequest<OpenInvitations>;

public sealed record OpenInvitations(int Pending, int Expired)
{
    public int Total => Pending + Expired;
}

internal sealed class CountOpenInvitationsQueryHandler(CodexIdentityDbContext db, TimeProvider clock)
    : IRequestHandler<CountOpenInvitationsQuery, OpenInvitations>
{
    public async Task<OpenInvitations> Handle(CountOpenInvitationsQuery query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // One row per invited account: whether its newest link still works.
        var links = await db.Invitations.AsNoTracking()
            .Where(i => i.AcceptedAt == null && i.ReplacedAt == null
                        && db.Users.Any(a => a.Id == i.AccountId && a.ActivatedAt == null && a.DeactivatedAt == null))
            .Select(i => i.ExpiresAt)
            .ToListAsync(ct);
        var expired = links.Count(e => e <= now);
        return new OpenInvitations(links.Count - expired, expired);
    }
}
