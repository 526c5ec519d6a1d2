using Codex.Modules.Notifications.Contracts;
using Codex.Modules.TeamCodex.Contracts;
using MediatR;

namespace Codex.Modules.TeamCodex.Features.Scheduling;

/// <summary>
/// A round closed (by the lead, by its closing date, by publishing or withdrawing the proposal): the
/// invitations and reminders to respond that have not gone out yet are cancelled, so nobody is asked
/// to respond to a round that is over. They show as cancelled, with the reason, on the admin mail page.
/// </summary>
internal sealed class CancelMailsOfClosedRound(IMediator mediator) : INotificationHandler<ReviewRoundClosedIntegrationEvent>
{
    public static string InvitationTopic(Guid roundId) => $"codex-invite:{roundId}:";

    public static string ReminderTopic(Guid roundId) => $"codex-round:{roundId}:";

    public Task Handle(ReviewRoundClosedIntegrationEvent closed, CancellationToken ct) =>
        mediator.Send(new CancelQueuedEmailsCommand(
            [InvitationTopic(closed.RoundId), ReminderTopic(closed.RoundId)],
            "The review round closed before this mail went out."), ct);
}
