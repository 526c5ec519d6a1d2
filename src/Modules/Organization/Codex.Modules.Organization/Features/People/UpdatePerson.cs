using Codex.Shared.Audit;
using Codex.Modules.Organization.Domain;
using Codex.Modules.Organization.Persistence;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Organization.Features.People;

[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record UpdatePersonCommand(Guid Id, string FirstName, string LastName, string Email, string PreferredLanguage, int Version)
    : ICommand<Unit>, IPersonDetails;

internal sealed class UpdatePersonCommandValidator : AbstractValidator<UpdatePersonCommand>
{
    public UpdatePersonCommandValidator(OrganizationDbContext db, Microsoft.Extensions.Localization.IStringLocalizer<OrganizationTexts> texts)
    {
        RuleFor(c => c.Id).NotEmpty();
        RuleFor(c => c.Version).GreaterThan(0);
        Include(new PersonDetailsValidator());
        RuleFor(c => c.Email)
            .MustAsync(async (command, email, ct) =>
                !await db.People.AnyAsync(p => p.Id != command.Id && p.NormalizedEmail == (email ?? "").Trim().ToLower(), ct))
            .WithMessage(texts["Person.EmailTaken"])
            .When(c => !string.IsNullOrWhiteSpace(c.Email));
    }
}

internal sealed class UpdatePersonCommandHandler(OrganizationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<UpdatePersonCommand, Unit>
{
    public async Task<Unit> Handle(UpdatePersonCommand command, CancellationToken cancellationToken)
    {
        var person = await db.People.FindAsync([command.Id], cancellationToken)
            ?? throw new NotFoundException(nameof(Person), command.Id);
        db.ExpectVersion(person, command.Version);
        person.ChangeDetails(command.FirstName, command.LastName, command.Email, command.PreferredLanguage);
        db.AuditTrail.Add(AuditRecord.Of(clock.GetUtcNow(), user, "person.updated", person.Id));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal static class UpdatePersonEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/org/people/{id:guid}", async (Guid id, UpdatePersonCommand command, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(command with { Id = id }, ct);
            return Results.NoContent();
        })
            .WithName("updatePerson")
            .WithSummary("Change a person's name, email address and preferred language");
}
