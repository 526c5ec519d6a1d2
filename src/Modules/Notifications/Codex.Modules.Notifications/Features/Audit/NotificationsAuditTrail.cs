using Codex.Modules.Notifications.Persistence;
using Codex.Shared.Audit;

namespace Codex.Modules.Notifications.Features.Audit;

/// <summary>Notifications's part of the one audit trail (read and kept like every module's, see <see cref="ModuleAuditTrail"/>).</summary>
internal sealed class NotificationsAuditTrail(NotificationsDbContext db) : ModuleAuditTrail(db.AuditTrail, NotificationsDbContext.Module);
