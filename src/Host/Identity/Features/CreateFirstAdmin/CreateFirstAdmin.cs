using Codex.Modules.Organization.Features.People;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Codex.Host.Identity.Features.CreateFirstAdmin;

/// <summary>
/// The operator's one way into an empty Codex (`dotnet run --project src/Host -- admin create
/// --email … --name …`): creates the person (or uses the one with that address), an Admin
/// account without password and a one-time activation link. Refused once any administrator exists.
/// </summary>
public sealed record CreateFirstAdminCommand(string Email, string Name) : IRequest<FirstAdminResult>;

/// <param name="ActivationPath">Null when refused because an administrator exists.</param>
public sealed record FirstAdminResult(string? ActivationPath, Guid? PersonId);

internal sealed class CreateFirstAdminCommandValidator : AbstractValidator<CreateFirstAdminCommand>
{
    public CreateFirstAdminCommandValidator()
    {
        RuleFor(c => c.Email).NotEmpty().EmailAddress().MaximumLength(254);
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200)
            .Must(n => n.Trim().Contains(' ', StringComparison.Ordinal)).WithMessage("Give first and last name, e.g. --name \"Bernd Engel\".");
    }
}

internal sealed class CreateFirstAdminCommandHandler(
    CodexIdentityDbContext db, AccountInvitations invitations, IMediator mediator, ILookupNormalizer normalizer)
    : IRequestHandler<CreateFirstAdminCommand, FirstAdminResult>
{
    public async Task<FirstAdminResult> Handle(CreateFirstAdminCommand command, CancellationToken ct)
    {
        var adminRole = normalizer.NormalizeName(CodexRoles.Admin);
        var adminExists = await db.UserRoles.AnyAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.NormalizedName == adminRole), ct);
        if (adminExists)
        {
            return new FirstAdminResult(null, null);
        }

        var email = command.Email.Trim();
        var existing = await mediator.Send(new ListPeopleQuery(email, PageSize: 5), ct);
        var person = existing.Items.FirstOrDefault(p => string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase));
        var name = command.Name.Trim();
        var split = name.LastIndexOf(' ');
        var personId = person?.Id
            ?? await mediator.Send(new CreatePersonCommand(name[..split].Trim(), name[(split + 1)..].Trim(), email), ct);
        if (await db.Users.AnyAsync(a => a.PersonId == personId, ct))
        {
            // The person has an account already (without admin rights): an admin must grant them.
            return new FirstAdminResult(null, personId);
        }

        var path = await invitations.CreateWithLinkAsync(personId, person is null ? name : $"{person.FirstName} {person.LastName}", email, [CodexRoles.Admin, CodexRoles.Member], ct);
        return new FirstAdminResult(path, personId);
    }
}
