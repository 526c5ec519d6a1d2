using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Enrolments;
using Codex.Modules.Learning.Persistence;
using Codex.Shared.Domain;
using Codex.Shared.Mediation;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Features.Paths;

/// <param name="Version">The version the user saw; a change based on an older one is refused (409).</param>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record UpdatePathCommand(Guid Id, string Title, string? Description, bool AnyOrder, int? RecurrenceMonths, int Version) : ICommand<Unit>;

internal sealed class UpdatePathCommandValidator : AbstractValidator<UpdatePathCommand>
{
    public UpdatePathCommandValidator()
    {
        RuleFor(c => c.Id).NotEmpty();
        RuleFor(c => c.Version).GreaterThan(0);
        PathRules.Details(this, c => c.Title, c => c.Description, c => c.RecurrenceMonths);
    }
}

internal sealed class UpdatePathCommandHandler(LearningDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<UpdatePathCommand, Unit>
{
    public async Task<Unit> Handle(UpdatePathCommand command, CancellationToken cancellationToken)
    {
        var path = await PathRules.LoadAsync(db, command.Id, cancellationToken);
        db.ExpectVersion(path, command.Version);
        path.Update(command.Title, command.Description ?? "", command.AnyOrder, command.RecurrenceMonths);
        path.Touch(user.PersonId, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal static class UpdatePathEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/learning/paths/{id:guid}", async (Guid id, UpdatePathCommand command, IMediator m, CancellationToken ct) =>
        {
            await m.Send(command with { Id = id }, ct);
            return Results.NoContent();
        })
            .WithName("updatePath")
            .WithSummary("Change a learning path's title, description, order and recurrence");
}
