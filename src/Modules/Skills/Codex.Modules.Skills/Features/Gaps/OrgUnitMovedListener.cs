using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Outbox;
using MediatR;

namespace Codex.Modules.Skills.Features.Gaps;

/// <summary>A moved unit changes which ancestors its people count in: recount (moves are rare).</summary>
internal sealed class OrgUnitMovedListener(SkillsDbContext db, IMediator mediator, TimeProvider clock)
    : InboxListener<OrgUnitMovedIntegrationEvent>(db, clock)
{
    protected override Task ApplyAsync(OrgUnitMovedIntegrationEvent e, CancellationToken cancellationToken) =>
        mediator.Send(new RebuildCoverageCommand(), cancellationToken);
}
