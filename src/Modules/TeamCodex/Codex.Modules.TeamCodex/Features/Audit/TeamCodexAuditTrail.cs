using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Audit;

namespace Codex.Modules.TeamCodex.Features.Audit;

/// <summary>TeamCodex's part of the one audit trail (read and kept like every module's, see <see cref="ModuleAuditTrail"/>).</summary>
internal sealed class TeamCodexAuditTrail(TeamCodexDbContext db) : ModuleAuditTrail(db.AuditTrail, TeamCodexDbContext.Module);
