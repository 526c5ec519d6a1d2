using Codex.Modules.Learning.Contracts;
using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Enrolments;
using Codex.Modules.Learning.Features.Reminders;
using Codex.Modules.Learning.Persistence;
using Codex.Shared.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Features.Home;

/// <summary>
/// The same window as the daily reminder (active enrolments due before now + DueWithinDays, open steps
/// by the path's order rules): two statements, the enrolments with their progress and their paths' steps.
/// </summary>
internal sealed class GetMyDueStepsQueryHandler(LearningDbContext db, ICurrentUser user, LearningReminderOptions options, TimeProvider clock)
    : IRequestHandler<GetMyDueStepsQuery, IReadOnlyList<DueStep>>
{
    public async Task<IReadOnlyList<DueStep>> Handle(GetMyDueStepsQuery query, CancellationToken ct)
    {
        if (user.PersonId is not { } me)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        var horizon = options.Horizon(now);
        var enrolments = await db.Enrolments.AsNoTracking().Include(e => e.Steps)
            .Where(e => e.PersonId == me && e.State == EnrolmentState.Active && e.DueOn <= horizon)
            .ToListAsync(ct);
        if (enrolments.Count == 0)
        {
            return [];
        }

        var pathIds = enrolments.Select(e => e.PathId).Distinct().ToList();
        var paths = await db.Paths.AsNoTracking().Include(p => p.Steps).Where(p => pathIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var due = new List<DueStep>();
        foreach (var enrolment in enrolments)
        {
            var path = paths[enrolment.PathId];
            var open = enrolment.OpenSteps(EnrolmentLoading.Rules(path), path.AnyOrder);
            if (open.Count == 0)
            {
                continue; // everything submitted: waiting for a sign-off is not the learner's to do
            }

            due.Add(new DueStep(
                enrolment.Id, path.Title, path.FindStep(open[0].StepId).Title, open.Count, enrolment.DueOn, enrolment.IsOverdueAt(now),
                $"/learning/enrolments/{enrolment.Id}"));
        }

        return due.OrderBy(d => d.DueOn).ThenBy(d => d.PathTitle, StringComparer.CurrentCulture).ToList();
    }
}
