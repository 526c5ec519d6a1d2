using Codex.Modules.TeamCodex.Contracts;
using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Security;
using Codex.Shared.Time;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Home;

/// <summary>
/// One statement for the rounds (participant, no response to the current proposal revision, still
/// accepting responses through the closing date), one for the unit names (cached per request).
/// </summary>
internal sealed class GetRoundsAwaitingMyResponseQueryHandler(TeamCodexDbContext db, CodexAccess access, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<GetRoundsAwaitingMyResponseQuery, IReadOnlyList<RoundAwaitingResponse>>
{
    public async Task<IReadOnlyList<RoundAwaitingResponse>> Handle(GetRoundsAwaitingMyResponseQuery query, CancellationToken ct)
    {
        if (user.PersonId is not { } me)
        {
            return [];
        }

        var today = OrganisationTime.Today(clock.GetUtcNow());
        var rounds = await (
                from r in db.Rounds.AsNoTracking()
                join c in db.Codices.AsNoTracking() on r.CodexId equals c.Id
                where r.ClosedAt == null && r.ClosesOn >= today
                      && db.Set<RoundParticipant>().Any(p => p.RoundId == r.Id && p.PersonId == me)
                      && !db.RoundResponses.Any(x => x.RoundId == r.Id && x.PersonId == me && x.ProposalRevision == r.ProposalRevision)
                orderby r.ClosesOn
                select new
                {
                    r.Id,
                    c.OrgUnitId,
                    r.ClosesOn,
                    ProposalTitle = db.Proposals.Where(p => p.Id == r.ProposalId).Select(p => p.Title).FirstOrDefault(),
                })
            .ToListAsync(ct);
        if (rounds.Count == 0)
        {
            return [];
        }

        var names = (await access.UnitsAsync(ct)).ToDictionary(u => u.Id, u => u.Name);
        return rounds
            .Select(r => new RoundAwaitingResponse(r.Id, r.OrgUnitId, names.GetValueOrDefault(r.OrgUnitId, ""), r.ClosesOn, r.ProposalTitle, $"/codex/rounds/{r.Id}"))
            .ToList();
    }
}
