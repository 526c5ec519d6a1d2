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

/// <summary>
/// An admin erases a person who has left (GDPR Art. 17). Organization deletes the person and their
/// memberships and keeps only that an erasure happened (when, by whom); PersonErased tells every other
/// module to delete or anonymise what it holds, and the Host deletes the account.
/// </summary>
[RequiresRole(CodexRoles.Admin)]
public sealed record ErasePersonCommand(Guid Id, int Version) : ICommand<Unit>;

internal sealed class ErasePersonCommandValidator : AbstractValidator<ErasePersonCommand>
{
    public ErasePersonCommandValidator()
    {
        RuleFor(c => c.Id).NotEmpty();
        RuleFor(c => c.Version).GreaterThan(0);
    }
}

internal sealed class ErasePersonCommandHandler(OrganizationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<ErasePersonCommand, Unit>
{
    public async Task<Unit> Handle(ErasePersonCommand command, CancellationToken cancellationToken)
    {
        var person = await db.People.FindAsync([command.Id], cancellationToken)
            ?? throw new NotFoundException(nameof(Person), command.Id);
        db.ExpectVersion(person, command.Version);
        var now = clock.GetUtcNow();
        person.Erase(Guid.NewGuid(), now);
        db.Memberships.RemoveRange(await db.Memberships.Where(m => m.PersonId == person.Id).ToListAsync(cancellationToken));
        db.People.Remove(person);
        db.Erasures.Add(new Erasure(Guid.NewGuid(), now, user.PersonId));
        // What the trail said about the person goes with them; that an erasure happened, and by whom, stays.
        await db.AuditTrail.ForgetAsync(person.Id, cancellationToken);
        db.AuditTrail.Add(AuditRecord.Of(now, user, "person.erased", subjectPersonId: null));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal static class ErasePersonEndpoint
{
    public sealed record Body(int Version);

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/org/people/{id:guid}/erase", async (Guid id, Body body, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new ErasePersonCommand(id, body.Version), ct);
            return Results.NoContent();
        })
            .WithName("erasePerson")
            .WithSummary("Erase a person who has left, in every module (GDPR Art. 17)");
}
