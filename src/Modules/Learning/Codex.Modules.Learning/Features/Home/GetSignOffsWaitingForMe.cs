using Codex.Modules.Learning.Contracts;
using Codex.Modules.Learning.Features.Enrolments;
using Codex.Shared.Security;
using MediatR;

namespace Codex.Modules.Learning.Features.Home;

/// <summary>
/// Counts the sign-off queue the lead or mentor sees on /learning/sign-offs: it asks that queue
/// itself, so who may sign off is decided in one place only.
/// </summary>
internal sealed class GetSignOffsWaitingForMeQueryHandler(IMediator mediator, ICurrentUser user)
    : IRequestHandler<GetSignOffsWaitingForMeQuery, SignOffsWaiting>
{
    public const string Link = "/learning/sign-offs";

    public async Task<SignOffsWaiting> Handle(GetSignOffsWaitingForMeQuery query, CancellationToken ct)
    {
        if (user.PersonId is null)
        {
            return new SignOffsWaiting(0, Link);
        }

        var queue = await mediator.Send(new GetSignOffQueueQuery(), ct);
        return new SignOffsWaiting(queue.Count, Link);
    }
}
