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

[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record CreatePathCommand(string Title, string? Description, bool AnyOrder, int? RecurrenceMonths) : ICommand<Guid>;

internal sealed class CreatePathCommandValidator : AbstractValidator<CreatePathCommand>
{
    public CreatePathCommandValidator() => PathRules.Details(this, c => c.Title, c => c.Description, c => c.RecurrenceMonths);
}

internal sealed class CreatePathCommandHandler(LearningDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<CreatePathCommand, Guid>
{
    public async Task<Guid> Handle(CreatePathCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var path = LearningPath.Create(Guid.NewGuid(), command.Title, command.Description ?? "", command.AnyOrder, command.RecurrenceMonths, now);
        path.Touch(user.PersonId, now);
        db.Paths.Add(path);
        await db.SaveChangesAsync(cancellationToken);
        return path.Id;
    }
}

internal static class CreatePathEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/learning/paths", async (CreatePathCommand command, IMediator m, CancellationToken ct) =>
        {
            var id = await m.Send(command, ct);
            return Results.Created($"/api/learning/paths/{id}", new { id });
        })
            .WithName("createPath")
            .WithSummary("Create a learning path");
}
