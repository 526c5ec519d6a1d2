using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace Codex.Host.Identity.Features.ChangePassword;

/// <summary>The signed-in person changes their password; their other sessions end.</summary>
[RequiresSignIn]
public sealed record ChangePasswordCommand(string CurrentPassword, string NewPassword) : IRequest<IReadOnlyList<string>>;

internal sealed class ChangePasswordCommandValidator : AbstractValidator<ChangePasswordCommand>
{
    public ChangePasswordCommandValidator()
    {
        RuleFor(c => c.CurrentPassword).NotEmpty().MaximumLength(PasswordPolicy.MaximumLength);
        RuleFor(c => c.NewPassword).NotNull().MaximumLength(PasswordPolicy.MaximumLength);
    }
}

/// <returns>The refusals (wrong current password, policy), empty when the password was changed.</returns>
internal sealed class ChangePasswordCommandHandler(
    UserManager<CodexAccount> users, CodexIdentityDbContext db, AccountSessions sessions, ICurrentUser currentUser, TimeProvider clock, Microsoft.Extensions.Localization.IStringLocalizer<SharedTexts> texts)
    : IRequestHandler<ChangePasswordCommand, IReadOnlyList<string>>
{
    public async Task<IReadOnlyList<string>> Handle(ChangePasswordCommand command, CancellationToken ct)
    {
        var account = await users.FindByIdAsync(currentUser.AccountId?.ToString() ?? "") ?? throw new ForbiddenException();
        if (!await users.CheckPasswordAsync(account, command.CurrentPassword))
        {
            return [texts["Password.CurrentWrong"]];
        }

        var result = await users.ChangePasswordAsync(account, command.CurrentPassword, command.NewPassword);
        if (!result.Succeeded)
        {
            return [.. result.Errors.Select(e => e.Description)];
        }

        // Every session ends, this one too: the page signs its person in again with a fresh one.
        await sessions.EndAllAsync(account.Id, ct: ct);
        db.AuditEntries.Add(AccountAuditEntry.Record(clock.GetUtcNow(), account.PersonId, account.DisplayName, account, AccountAuditAction.PasswordChanged));
        await db.SaveChangesAsync(ct);
        return [];
    }
}
