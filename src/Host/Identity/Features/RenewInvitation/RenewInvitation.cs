using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Host.Identity.Features.RenewInvitation;

/// <summary>
/// "Send me a new link" from an expired or replaced invitation: a fresh link goes to the
/// person's own address (never shown on the page), so a stranger holding an old link gains nothing.
/// </summary>
public sealed record RenewInvitationCommand(string Token) : IRequest<Unit>;

internal sealed class RenewInvitationCommandValidator : AbstractValidator<RenewInvitationCommand>
{
    public RenewInvitationCommandValidator() => RuleFor(c => c.Token).NotEmpty().MaximumLength(200);
}

internal sealed class RenewInvitationCommandHandler(CodexIdentityDbContext db, AccountInvitations invitations, TimeProvider clock)
    : IRequestHandler<RenewInvitationCommand, Unit>
{
    public async Task<Unit> Handle(RenewInvitationCommand command, CancellationToken ct)
    {
        var hash = AccountInvitation.Hash(command.Token);
        var old = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (old?.StateAt(clock.GetUtcNow()) is InvitationState.Expired or InvitationState.Replaced)
        {
            await invitations.RenewAsync(old.AccountId, ct);
        }

        return Unit.Value;
    }
}
