using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Errors;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Proposals;

/// <summary>Loads a proposal with its codex, for the use cases acting on one proposal.</summary>
internal static class ProposalLoader
{
    public static async Task<(ChangeProposal Proposal, UnitCodex Codex)> LoadAsync(TeamCodexDbContext db, Guid proposalId, CancellationToken ct)
    {
        var proposal = await db.Proposals.FirstOrDefaultAsync(p => p.Id == proposalId, ct)
            ?? throw new NotFoundException("ChangeProposal", proposalId);
        var codex = await db.Codices.SingleAsync(c => c.Id == proposal.CodexId, ct);
        return (proposal, codex);
    }
}
