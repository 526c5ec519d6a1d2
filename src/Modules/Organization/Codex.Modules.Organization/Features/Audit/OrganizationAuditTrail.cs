using Codex.Modules.Organization.Persistence;
using Codex.Shared.Audit;

namespace Codex.Modules.Organization.Features.Audit;

/// <summary>Organization's part of the one audit trail (read and kept like every module's, see <see cref="ModuleAuditTrail"/>).</summary>
internal sealed class OrganizationAuditTrail(OrganizationDbContext db) : ModuleAuditTrail(db.AuditTrail, OrganizationDbContext.Module);
