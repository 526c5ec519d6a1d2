using Codex.Modules.TeamCodex.Contracts;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Home;

/// <summary>
/// One statement: the person's units whose codex has a version in force without their confirmation
/// (the same rule as the reminder and the codex page: members confirm, each version once).
/// </summary>
internal sealed class GetVersionsAwaitingMyAcknowledgementQueryHandler(TeamCodexDbContext db, CodexAccess access, ICurrentUser user)
    : IRequestHandler<GetVersionsAwaitingMyAcknowledgementQuery, IReadOnlyList<VersionAwaitingAcknowledgement>>
{
    public async Task<IReadOnlyList<VersionAwaitingAcknowledgement>> Handle(GetVersionsAwaitingMyAcknowledgementQuery query, CancellationToken ct)
    {
        if (user.PersonId is not { } me)
        {
            return [];
        }

        var versions = await (
                from m in db.UnitMembers.AsNoTracking()
                join c in db.Codices.AsNoTracking() on m.OrgUnitId equals c.OrgUnitId
                join v in db.Versions.AsNoTracking() on new { CodexId = c.Id, Number = c.VersionInForce!.Value } equals new { v.CodexId, v.Number }
                where m.PersonId == me && c.VersionInForce != null
                      && !db.Acknowledgements.Any(a => a.CodexId == c.Id && a.PersonId == me && a.VersionNumber == v.Number)
                select new { c.OrgUnitId, v.Number, v.PublishedAt })
            .ToListAsync(ct);
        if (versions.Count == 0)
        {
            return [];
        }

        var names = (await access.UnitsAsync(ct)).ToDictionary(u => u.Id, u => u.Name);
        return versions
            .OrderByDescending(v => v.PublishedAt)
            .Select(v => new VersionAwaitingAcknowledgement(v.OrgUnitId, names.GetValueOrDefault(v.OrgUnitId, ""), v.Number, v.PublishedAt, $"/codex/{v.OrgUnitId}"))
            .ToList();
    }
}
