using Codex.Shared.Domain;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Codex.Host.Identity.Features.ChangeAccountRole;

/// <summary>
/// An administrator grants or revokes the account roles Admin, HR and Datenschutz (lead rights are not a role:
/// they follow the membership lead flag). Audited; the last administrator cannot be removed.
/// The person's sessions pick the change up on their next request.
/// </summary>
[RequiresRole(CodexRoles.Admin)]
public sealed record ChangeAccountRoleCommand(Guid PersonId, string Role, bool Grant) : IRequest<Unit>;

internal sealed class ChangeAccountRoleCommandValidator : AbstractValidator<ChangeAccountRoleCommand>
{
    public ChangeAccountRoleCommandValidator()
    {
        RuleFor(c => c.PersonId).NotEmpty();
        RuleFor(c => c.Role).Must(r => CodexRoles.Granted.Contains(r));
    }
}

internal sealed class ChangeAccountRoleCommandHandler(
    CodexIdentityDbContext db, UserManager<CodexAccount> users, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<ChangeAccountRoleCommand, Unit>
{
    public async Task<Unit> Handle(ChangeAccountRoleCommand command, CancellationToken ct)
    {
        var account = await db.Users.FirstOrDefaultAsync(a => a.PersonId == command.PersonId, ct)
            ?? throw new NotFoundException("Account", command.PersonId);
        if (await users.IsInRoleAsync(account, command.Role) == command.Grant)
        {
            return Unit.Value;
        }

        if (!command.Grant && command.Role == CodexRoles.Admin && (await users.GetUsersInRoleAsync(CodexRoles.Admin)).Count <= 1)
        {
            throw new DomainException("Accounts.LastAdmin", "The last administrator keeps the role.");
        }

        var result = command.Grant ? await users.AddToRoleAsync(account, command.Role) : await users.RemoveFromRoleAsync(account, command.Role);
        if (!result.Succeeded)
        {
            throw new ConcurrencyConflictException("Account", command.PersonId);
        }

        // No new security stamp needed: every request re-reads the account's roles (the stamp
        // validator runs on each request and rebuilds the principal), so the change applies at once.
        var actor = await db.Users.AsNoTracking().Where(a => a.PersonId == currentUser.PersonId).Select(a => a.DisplayName).FirstOrDefaultAsync(ct);
        db.AuditEntries.Add(AccountAuditEntry.Record(
            clock.GetUtcNow(), currentUser.PersonId, actor ?? currentUser.Name ?? "", account,
            command.Grant ? AccountAuditAction.RoleGranted : AccountAuditAction.RoleRevoked, command.Role));
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}

internal static class ChangeAccountRoleEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPut("/accounts/{personId:guid}/roles/{role}", async (Guid personId, string role, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new ChangeAccountRoleCommand(personId, role, true), ct);
            return Results.NoContent();
        })
            .WithName("grantAccountRole")
            .WithSummary("Grant a person the account role Admin, HR or Datenschutz");
        api.MapDelete("/accounts/{personId:guid}/roles/{role}", async (Guid personId, string role, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new ChangeAccountRoleCommand(personId, role, false), ct);
            return Results.NoContent();
        })
            .WithName("revokeAccountRole")
            .WithSummary("Revoke an account role from a person");
    }
}
