using Codex.Modules.Organization.Contracts;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Codex.Host.Identity.Features.SignInWithProvider;

/// <summary>
/// Someone signed in at the organisation's OpenID Connect provider; which Codex account is that?
/// An account already linked to the provider's subject is used. Otherwise the provider's
/// <b>verified</b> email must be an active person's: that person's account (created just in time
/// when there is none, activated when only invited) is linked to the subject. Deactivated
/// accounts and people who left are refused. At every sign-in the roles that
/// <c>Security:Oidc:RoleMapping</c> names follow the provider's groups (audited when they change).
/// </summary>
public sealed record SignInWithProviderCommand(string Provider, ProviderIdentity Identity) : IRequest<ProviderSignInResult>;

public enum ProviderSignInRefusal
{
    /// <summary>Not yet linked, and the provider sent no email or did not verify it.</summary>
    EmailNotVerified,

    /// <summary>No person in Codex has the email.</summary>
    NoPerson,

    /// <summary>The person has left or the account is deactivated.</summary>
    Inactive,
}

/// <param name="AccountId">The account to sign in; null when refused.</param>
public sealed record ProviderSignInResult(Guid? AccountId, ProviderSignInRefusal? Refusal)
{
    public static ProviderSignInResult Refused(ProviderSignInRefusal refusal) => new(null, refusal);
}

internal sealed class SignInWithProviderCommandValidator : AbstractValidator<SignInWithProviderCommand>
{
    public SignInWithProviderCommandValidator()
    {
        RuleFor(c => c.Provider).NotEmpty();
        RuleFor(c => c.Identity.Subject).NotEmpty().MaximumLength(400);
    }
}

internal sealed class SignInWithProviderCommandHandler(
    CodexIdentityDbContext db,
    UserManager<CodexAccount> users,
    IMediator mediator,
    IOptions<SingleSignOnOptions> options,
    TimeProvider clock)
    : IRequestHandler<SignInWithProviderCommand, ProviderSignInResult>
{
    public async Task<ProviderSignInResult> Handle(SignInWithProviderCommand command, CancellationToken ct)
    {
        var identity = command.Identity;
        var now = clock.GetUtcNow();
        var providerName = options.Value.DisplayName;
        var account = await users.FindByLoginAsync(command.Provider, identity.Subject);
        if (account is null)
        {
            if (string.IsNullOrWhiteSpace(identity.Email) || !identity.EmailVerified)
            {
                return ProviderSignInResult.Refused(ProviderSignInRefusal.EmailNotVerified);
            }

            var email = identity.Email.Trim();
            var people = await mediator.Send(new FindPeopleForImportQuery([], [email]), ct);
            var person = people.FirstOrDefault(p => string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase));
            if (person is null)
            {
                return ProviderSignInResult.Refused(ProviderSignInRefusal.NoPerson);
            }
            if (!person.IsActive)
            {
                return ProviderSignInResult.Refused(ProviderSignInRefusal.Inactive);
            }

            account = await db.Users.FirstOrDefaultAsync(a => a.PersonId == person.PersonId, ct);
            if (account?.Status == AccountStatus.Deactivated)
            {
                return ProviderSignInResult.Refused(ProviderSignInRefusal.Inactive);
            }

            if (account is null)
            {
                account = new CodexAccount
                {
                    Id = Guid.NewGuid(),
                    PersonId = person.PersonId,
                    UserName = email,
                    Email = email,
                    EmailConfirmed = true,
                    DisplayName = $"{person.FirstName} {person.LastName}",
                    CreatedAt = now,
                    ActivatedAt = now,
                };
                Check(await users.CreateAsync(account));
                Check(await users.AddToRoleAsync(account, CodexRoles.Member));
                db.AuditEntries.Add(AccountAuditEntry.Record(now, null, providerName, account, AccountAuditAction.CreatedBySingleSignOn));
            }
            else if (account.Status == AccountStatus.Invited)
            {
                // The provider vouches for the address the invitation went to: no password needed.
                account.ActivatedAt = now;
                account.EmailConfirmed = true;
                Check(await users.UpdateAsync(account));
                db.AuditEntries.Add(AccountAuditEntry.Record(now, null, providerName, account, AccountAuditAction.Activated));
            }

            Check(await users.AddLoginAsync(account, new UserLoginInfo(command.Provider, identity.Subject, providerName)));
            db.AuditEntries.Add(AccountAuditEntry.Record(now, null, providerName, account, AccountAuditAction.LinkedToSingleSignOn));
        }
        else
        {
            var contact = (await mediator.Send(new GetPeopleContactsQuery([account.PersonId]), ct)).FirstOrDefault();
            if (account.Status != AccountStatus.Active || contact is not { IsActive: true })
            {
                return ProviderSignInResult.Refused(ProviderSignInRefusal.Inactive);
            }
        }

        await ApplyMappedRolesAsync(account, identity.Groups, providerName, now);
        await db.SaveChangesAsync(ct);
        return new ProviderSignInResult(account.Id, null);
    }

    private async Task ApplyMappedRolesAsync(CodexAccount account, IReadOnlyList<string> groups, string providerName, DateTimeOffset now)
    {
        var wanted = options.Value.RolesFor(groups);
        foreach (var role in options.Value.MappedRoles.Order(StringComparer.Ordinal))
        {
            var has = await users.IsInRoleAsync(account, role);
            var shouldHave = wanted.Contains(role);
            if (has == shouldHave)
            {
                continue;
            }
            if (!shouldHave && role == CodexRoles.Admin && (await users.GetUsersInRoleAsync(CodexRoles.Admin)).Count <= 1)
            {
                // The last administrator keeps the role, whatever the provider's groups say.
                continue;
            }

            Check(shouldHave ? await users.AddToRoleAsync(account, role) : await users.RemoveFromRoleAsync(account, role));
            db.AuditEntries.Add(AccountAuditEntry.Record(
                now, null, providerName, account, shouldHave ? AccountAuditAction.RoleGranted : AccountAuditAction.RoleRevoked, role));
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Single sign-on could not update the account: " +
                string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}
