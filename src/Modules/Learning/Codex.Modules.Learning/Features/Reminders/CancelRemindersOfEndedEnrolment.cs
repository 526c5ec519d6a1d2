using Codex.Modules.Learning.Contracts;
using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Persistence;
using Codex.Modules.Notifications.Contracts;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Features.Reminders;

/// <summary>
/// An enrolment ended (completed, or withdrawn with the role): the learner's reminder mails that
/// have not gone out yet, and the leads' escalations about it, are cancelled. A cancelled reminder
/// may also have listed the learner's other open steps: those enrolments forget that they were
/// reminded, so the next daily run sends one fresh mail about what is still open. Redelivery is harmless.
/// </summary>
internal sealed class CancelRemindersOfEndedEnrolment(LearningDbContext db, IMediator mediator) : INotificationHandler<EnrolmentEndedIntegrationEvent>
{
    public async Task Handle(EnrolmentEndedIntegrationEvent ended, CancellationToken ct)
    {
        await mediator.Send(new CancelQueuedEmailsCommand(
            [SendLearningRemindersCommandHandler.EscalationTopicPrefix(ended.EnrolmentId)],
            "The enrolment ended (completed or withdrawn) before this mail went out."), ct);
        var reminders = await mediator.Send(new CancelQueuedEmailsCommand(
            [SendLearningRemindersCommandHandler.ReminderTopicPrefix(ended.PersonId)],
            "An enrolment of the recipient ended (completed or withdrawn) before this reminder went out; the next run reminds of what is still open."), ct);
        if (reminders > 0)
        {
            await db.Enrolments.Where(e => e.PersonId == ended.PersonId && e.State == EnrolmentState.Active && e.Id != ended.EnrolmentId)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.DueReminderStepId, (Guid?)null).SetProperty(e => e.OverdueReminderStepId, (Guid?)null), ct);
        }
    }
}
