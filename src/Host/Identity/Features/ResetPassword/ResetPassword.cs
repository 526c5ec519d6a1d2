using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace Codex.Host.Identity.Features.ResetPassword;

/// <summary>Sets a new password with the mailed link; every existing session of the account ends.</summary>
public sealed record ResetPasswordCommand(Guid AccountId, string Token, string Password) : IRequest<ResetPasswordResult>;

/// <param name="LinkInvalid">The link is expired, used or unknown.</param>
public sealed record ResetPasswordResult(bool LinkInvalid, IReadOnlyList<string> PasswordErrors)
{
    public bool Succeeded => !LinkInvalid && PasswordErrors.Count == 0;
}

internal sealed class ResetPasswordCommandValidator : AbstractValidator<ResetPasswordCommand>
{
    public ResetPasswordCommandValidator()
    {
        RuleFor(c => c.Token).NotEmpty().MaximumLength(2000);
        RuleFor(c => c.Password).NotNull().MaximumLength(PasswordPolicy.MaximumLength);
    }
}

internal sealed class ResetPasswordCommandHandler(UserManager<CodexAccount> users, CodexIdentityDbContext db, AccountSessions sessions, TimeProvider clock)
    : IRequestHandler<ResetPasswordCommand, ResetPasswordResult>
{
    public async Task<ResetPasswordResult> Handle(ResetPasswordCommand command, CancellationToken ct)
    {
        var account = await users.FindByIdAsync(command.AccountId.ToString());
        if (account is null || account.Status != AccountStatus.Active
            || !await users.VerifyUserTokenAsync(account, users.Options.Tokens.PasswordResetTokenProvider, UserManager<CodexAccount>.ResetPasswordTokenPurpose, command.Token))
        {
            return new ResetPasswordResult(true, []);
        }

        // ResetPasswordAsync checks the policy and renews the security stamp (all sessions end).
        var result = await users.ResetPasswordAsync(account, command.Token, command.Password);
        if (!result.Succeeded)
        {
            return new ResetPasswordResult(false, [.. result.Errors.Select(e => e.Description)]);
        }

        await users.ResetAccessFailedCountAsync(account);
        await sessions.EndAllAsync(account.Id, ct: ct);
        db.AuditEntries.Add(AccountAuditEntry.Record(clock.GetUtcNow(), account.PersonId, account.DisplayName, account, AccountAuditAction.PasswordReset));
        await db.SaveChangesAsync(ct);
        return new ResetPasswordResult(false, []);
    }
}
