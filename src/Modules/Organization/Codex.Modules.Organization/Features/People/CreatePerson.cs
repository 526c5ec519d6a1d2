using Codex.Shared.Audit;
using Codex.Modules.Organization.Domain;
using Codex.Modules.Organization.Persistence;
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
public sealed record CreatePersonCommand(string FirstName, string LastName, string Email, string PreferredLanguage = "de")
    : ICommand<Guid>, IPersonDetails;

internal sealed class CreatePersonCommandValidator : AbstractValidator<CreatePersonCommand>
{
    public CreatePersonCommandValidator(OrganizationDbContext db, Microsoft.Extensions.Localization.IStringLocalizer<OrganizationTexts> texts)
    {
        Include(new PersonDetailsValidator());
        RuleFor(c => c.Email)
            .MustAsync(async (email, ct) => !await db.People.AnyAsync(p => p.NormalizedEmail == (email ?? "").Trim().ToLower(), ct))
            .WithMessage(texts["Person.EmailTaken"])
            .When(c => !string.IsNullOrWhiteSpace(c.Email));
    }
}

internal sealed class CreatePersonCommandHandler(OrganizationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<CreatePersonCommand, Guid>
{
    public async Task<Guid> Handle(CreatePersonCommand command, CancellationToken cancellationToken)
    {
        var person = Person.Create(Guid.NewGuid(), command.FirstName, command.LastName, command.Email, command.PreferredLanguage, clock.GetUtcNow());
        db.People.Add(person);
        db.AuditTrail.Add(AuditRecord.Of(person.CreatedAt, user, "person.created", person.Id));
        await db.SaveChangesAsync(cancellationToken);
        return person.Id;
    }
}

internal static class CreatePersonEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/org/people", async (CreatePersonCommand command, IMediator mediator, CancellationToken ct) =>
        {
            var id = await mediator.Send(command, ct);
            return Results.Created($"/api/org/people/{id}", new { id });
        })
            .WithName("createPerson")
            .WithSummary("Add a person");
}
