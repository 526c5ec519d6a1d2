using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Paths;
using Codex.Modules.Learning.Persistence;
using Codex.Shared.Domain;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Features.Enrolments;

/// <summary>A lead of the learner (or HR) names a mentor who may sign off too.</summary>
[RequiresSignIn]
public sealed record SetMentorCommand(Guid EnrolmentId, Guid? MentorPersonId, int Version) : ICommand<Unit>;

internal sealed class SetMentorCommandHandler(LearningDbContext db, LearningAccess access) : IRequestHandler<SetMentorCommand, Unit>
{
    public async Task<Unit> Handle(SetMentorCommand c, CancellationToken cancellationToken)
    {
        var (enrolment, _) = await EnrolmentLoading.LoadAsync(db, c.EnrolmentId, cancellationToken);
        if (!access.IsHr && !await access.MaySignOffAsync(enrolment, cancellationToken))
        {
            throw new ForbiddenException();
        }

        db.ExpectVersion(enrolment, c.Version);
        enrolment.AssignMentor(c.MentorPersonId);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal static class SetMentorEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/learning/enrolments/{id:guid}/mentor", async (Guid id, SetMentorCommand command, IMediator m, CancellationToken ct) =>
        {
            await m.Send(command with { EnrolmentId = id }, ct);
            return Results.NoContent();
        })
            .WithName("setMentor")
            .WithSummary("Name or clear the mentor of an enrolment");
}
