using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Paths;
using Codex.Modules.Learning.Persistence;
using Codex.Modules.Organization.Contracts;
using Codex.Shared.Domain;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Features.Enrolments;

/// <summary>
/// Who may see and act on an enrolment: the learner, a lead of one of their units or of a unit above them, or
/// their mentor. Lead rights are asked of Organization (the membership lead flag) on each request, not of this
/// module's copy of the memberships, so a new or removed flag counts from the next request on.
/// </summary>
internal sealed class LearningAccess(IMediator mediator, ICurrentUser user)
{
    public Guid Me => user.PersonId ?? throw new ForbiddenException();

    public async Task<bool> MaySignOffAsync(Enrolment enrolment, CancellationToken ct)
    {
        var me = Me;
        if (me == enrolment.PersonId)
        {
            return false;
        }

        return enrolment.MentorPersonId == me || await mediator.Send(new LeadsPersonQuery(me, enrolment.PersonId), ct);
    }

    public bool IsHr => user.IsInRole(CodexRoles.HR) || user.IsInRole(CodexRoles.Admin);

    /// <summary>
    /// Someone other than the learner (a lead, a mentor, HR) sees the enrolment's progress: recorded, so the learner
    /// sees under "Meine Daten" who looked and when. The learner's own reads leave nothing.
    /// </summary>
    public ProgressView? ViewBySomeoneElse(Enrolment enrolment, DateTimeOffset now) =>
        user.PersonId == enrolment.PersonId ? null
            : new ProgressView(Guid.NewGuid(), enrolment.PersonId, enrolment.Id, user.PersonId, user.Name ?? "", now);

    /// <summary>The learner, their leads and mentor, and HR (who manages learning) may look at an enrolment.</summary>
    public async Task EnsureMaySeeAsync(Enrolment enrolment, CancellationToken ct)
    {
        if (user.PersonId != enrolment.PersonId && !IsHr && !await MaySignOffAsync(enrolment, ct))
        {
            throw new ForbiddenException();
        }
    }
}
