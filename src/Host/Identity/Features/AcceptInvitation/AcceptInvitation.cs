using Codex.Shared.Errors;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Codex.Host.Identity.Features.AcceptInvitation;

/// <summary>The invited person sets their first password through the link; the link is then used up.</summary>
public sealed record AcceptInvitationCommand(string Token, string Password) : IRequest<AcceptInvitationResult>;

/// <param name="Refused">Why nothing changed (the invitation's state), or null when the account is now active.</param>
public sealed record AcceptInvitationResult(InvitationState? Refused, string? Email, IReadOnlyList<string> PasswordErrors);

internal sealed class AcceptInvitationCommandValidator : AbstractValidator<AcceptInvitationCommand>
{
    public AcceptInvitationCommandValidator()
    {
        RuleFor(c => c.Token).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Password).NotNull().MaximumLength(PasswordPolicy.MaximumLength);
    }
}

internal sealed class AcceptInvitationCommandHandler(CodexIdentityDbContext db, UserManager<CodexAccount> users, TimeProvider clock)
    : IRequestHandler<AcceptInvitationCommand, AcceptInvitationResult>
{
    public async Task<AcceptInvitationResult> Handle(AcceptInvitationCommand command, CancellationToken ct)
    {
        var hash = AccountInvitation.Hash(command.Token);
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash, ct)
            ?? throw new NotFoundException("Invitation", command.Token.Length > 8 ? command.Token[..8] : command.Token);
        var now = clock.GetUtcNow();
        var account = await users.FindByIdAsync(invitation.AccountId.ToString()) ?? throw new NotFoundException("Account", invitation.AccountId);
        var state = invitation.StateAt(now);
        if (state != InvitationState.Open || account.Status != AccountStatus.Invited)
        {
            return new AcceptInvitationResult(state == InvitationState.Open ? InvitationState.Accepted : state, account.Email, []);
        }

        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, account, command.Password);
            if (!check.Succeeded)
            {
                return new AcceptInvitationResult(null, account.Email, [.. check.Errors.Select(e => e.Description)]);
            }
        }

        // The link is used up in the same save that sets the password: a second click, or two at
        // once, find it accepted (the version check on the account refuses the slower one).
        invitation.Accept(now);
        account.PasswordHash = users.PasswordHasher.HashPassword(account, command.Password);
        account.EmailConfirmed = true;
        account.ActivatedAt = now;
        account.SecurityStamp = Guid.NewGuid().ToString("N");
        account.ConcurrencyStamp = Guid.NewGuid().ToString();
        db.AuditEntries.Add(AccountAuditEntry.Record(now, account.PersonId, account.DisplayName, account, AccountAuditAction.Activated));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new AcceptInvitationResult(InvitationState.Accepted, account.Email, []);
        }

        return new AcceptInvitationResult(null, account.Email, []);
    }
}
