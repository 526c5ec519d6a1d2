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
/// HR brings back a person who had left: they are members of their kept units again, and PersonReturned
/// tells the other modules to count them again (each re-reads the person's current memberships).
/// </summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record ReactivatePersonCommand(Guid Id, int Version) : ICommand<Unit>;

internal sealed class ReactivatePersonCommandValidator : AbstractValidator<ReactivatePersonCommand>
{
    public ReactivatePersonCommandValidator()
    {
        RuleFor(c => c.Id).NotEmpty();
        RuleFor(c => c.Version).GreaterThan(0);
    }
}

internal sealed class ReactivatePersonCommandHandler(OrganizationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<ReactivatePersonCommand, Unit>
{
    public async Task<Unit> Handle(ReactivatePersonCommand command, CancellationToken cancellationToken)
    {
        var person = await db.People.FindAsync([command.Id], cancellationToken)
            ?? throw new NotFoundException(nameof(Person), command.Id);
        db.ExpectVersion(person, command.Version);
        person.Reactivate(clock.GetUtcNow());
        db.AuditTrail.Add(AuditRecord.Of(clock.GetUtcNow(), user, "person.returned", person.Id));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal static class ReactivatePersonEndpoint
{
    public sealed record Body(int Version);

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/org/people/{id:guid}/reactivate", async (Guid id, Body body, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new ReactivatePersonCommand(id, body.Version), ct);
            return Results.NoContent();
        })
            .WithName("reactivatePerson")
            .WithSummary("Bring back a person who had left, with their kept units");
}
