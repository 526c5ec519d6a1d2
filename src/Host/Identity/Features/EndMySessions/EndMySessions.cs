using Codex.Shared.Mediation;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;

namespace Codex.Host.Identity.Features.EndMySessions;

/// <summary>
/// The signed-in person signs out one of their other devices (<see cref="SessionId"/>), or all
/// others at once (no session id); the current session stays.
/// </summary>
[RequiresSignIn]
public sealed record EndMySessionsCommand(Guid? SessionId, Guid? CurrentSessionId) : IRequest<int>;

internal sealed class EndMySessionsCommandValidator : AbstractValidator<EndMySessionsCommand>
{
    public EndMySessionsCommandValidator() => RuleFor(c => c.SessionId).NotEqual(Guid.Empty);
}

/// <returns>How many sessions were ended (0 when the chosen one had ended already or is not theirs).</returns>
internal sealed class EndMySessionsCommandHandler(AccountSessions sessions, ICurrentUser currentUser)
    : IRequestHandler<EndMySessionsCommand, int>
{
    public async Task<int> Handle(EndMySessionsCommand command, CancellationToken ct)
    {
        var accountId = currentUser.AccountId ?? Guid.Empty;
        if (command.SessionId is { } one)
        {
            return await sessions.EndAsync(accountId, one, ct) ? 1 : 0;
        }

        return await sessions.EndAllAsync(accountId, keep: command.CurrentSessionId, ct: ct);
    }
}
