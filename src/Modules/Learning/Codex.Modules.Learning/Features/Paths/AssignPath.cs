using Codex.Shared.Audit;
using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Enrolments;
using Codex.Modules.Learning.Persistence;
using Codex.Modules.Skills.Contracts;
using Codex.Shared.Domain;
using Codex.Shared.Errors;
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

/// <summary>HR assigns the path to a role: every holder is enrolled at once (set-based), later holders by the listener.</summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record AssignPathCommand(Guid PathId, Guid RoleId, int DueOffsetDays) : ICommand<int>;

internal sealed class AssignPathCommandValidator : AbstractValidator<AssignPathCommand>
{
    public AssignPathCommandValidator()
    {
        RuleFor(c => c.PathId).NotEmpty();
        RuleFor(c => c.RoleId).NotEmpty();
        RuleFor(c => c.DueOffsetDays).InclusiveBetween(1, PathAssignment.MaxDueOffsetDays);
    }
}

internal sealed class AssignPathCommandHandler(LearningDbContext db, Enroller enroller, IMediator mediator, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<AssignPathCommand, int>
{
    public async Task<int> Handle(AssignPathCommand c, CancellationToken cancellationToken)
    {
        var path = await PathRules.LoadAsync(db, c.PathId, cancellationToken);
        var role = (await mediator.Send(new GetRoleListQuery(), cancellationToken)).FirstOrDefault(r => r.RoleId == c.RoleId)
            ?? throw new DomainException("Assign.RoleUnknown", "There is no such role.");
        var now = clock.GetUtcNow();
        path.AssignToRole(role.RoleId, role.Name, c.DueOffsetDays, now);
        path.Touch(user.PersonId, now);
        db.AuditTrail.Add(AuditRecord.Of(now, user, "path.assigned", subjectPersonId: null, path.Title, role.Name));
        await db.SaveChangesAsync(cancellationToken);
        return await enroller.EnrolRoleHoldersAsync(path.Id, role.RoleId, now, now.AddDays(c.DueOffsetDays), cancellationToken);
    }
}

internal static class AssignPathEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/learning/paths/{id:guid}/assignments", async (Guid id, AssignPathCommand command, IMediator m, CancellationToken ct) =>
            Results.Ok(new { enrolled = await m.Send(command with { PathId = id }, ct) }))
            .WithName("assignPath")
            .WithSummary("Assign a learning path to a role, enrolling its holders");
}
