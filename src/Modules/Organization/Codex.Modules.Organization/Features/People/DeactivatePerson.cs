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

namespace Codex.Modules.Organization.Features.People;

/// <summary>
/// The person left the organisation (HR, or an import marking them as left). Their memberships stay in
/// Organization — as history, and so that a return restores them — but no query counts them any more;
/// PersonLeft tells the other modules to drop them from rounds, reminders, heatmaps and mail.
/// The Host disables the account on the same event.
/// </summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record DeactivatePersonCommand(Guid Id, int Version) : ICommand<Unit>;

internal sealed class DeactivatePersonCommandValidator : AbstractValidator<DeactivatePersonCommand>
{
    public DeactivatePersonCommandValidator()
    {
        RuleFor(c => c.Id).NotEmpty();
        RuleFor(c => c.Version).GreaterThan(0);
    }
}

internal sealed class DeactivatePersonCommandHandler(OrganizationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<DeactivatePersonCommand, Unit>
{
    public async Task<Unit> Handle(DeactivatePersonCommand command, CancellationToken cancellationToken)
    {
        var person = await db.People.FindAsync([command.Id], cancellationToken)
            ?? throw new NotFoundException(nameof(Person), command.Id);
        db.ExpectVersion(person, command.Version);
        person.Deactivate(clock.GetUtcNow());
        db.AuditTrail.Add(AuditRecord.Of(clock.GetUtcNow(), user, "person.left", person.Id));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal static class DeactivatePersonEndpoint
{
    public sealed record Body(int Version);

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/org/people/{id:guid}/deactivate", async (Guid id, Body body, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new DeactivatePersonCommand(id, body.Version), ct);
            return Results.NoContent();
        })
            .WithName("deactivatePerson")
            .WithSummary("Mark a person as having left the organisation");
}
