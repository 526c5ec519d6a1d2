using Codex.Modules.Learning.Contracts;
using Codex.Modules.Skills.Contracts;
using MediatR;

namespace Codex.Modules.Learning.Features.Enrolments;

/// <summary>
/// Learning follows skill requirements: a completed step with a tool and level asks Skills to raise the
/// person's level. Skills records the event id in its inbox with the effect, so a redelivery is a no-op there.
/// </summary>
internal sealed class RaiseLevelOnStepCompleted(IMediator mediator) : INotificationHandler<LearningStepCompletedIntegrationEvent>
{
    public Task Handle(LearningStepCompletedIntegrationEvent e, CancellationToken cancellationToken) =>
        mediator.Send(new RaiseLevelByLearningCommand(e.EventId, e.OccurredAt, e.PersonId, e.ToolId, e.Level), cancellationToken);
}
