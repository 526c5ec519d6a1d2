using Codex.Shared.Mediation;
using Codex.Shared.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Host.Identity.Features.ListAccountAudit;

/// <summary>The newest account changes (who, when, what, to whose account), for administrators.</summary>
[RequiresRole(CodexRoles.Admin)]
public sealed record ListAccountAuditQuery(int Take = 20) : IRequest<IReadOnlyList<AccountAuditEntry>>;

internal sealed class ListAccountAuditQueryHandler(CodexIdentityDbContext db) : IRequestHandler<ListAccountAuditQuery, IReadOnlyList<AccountAuditEntry>>
{
    public async Task<IReadOnlyList<AccountAuditEntry>> Handle(ListAccountAuditQuery query, CancellationToken ct) =>
        await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.At).Take(Math.Clamp(query.Take, 1, 200)).ToListAsync(ct);
}
