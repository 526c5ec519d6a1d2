using System.Globalization;
using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Enrolments;
using Codex.Modules.Learning.Persistence;
using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Organization.Contracts;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Codex.Modules.Learning.Features.Reminders;

/// <summary>`Learning:Reminders:*` — reminders are kind and rare: a few days ahead, once overdue, escalation off by default.</summary>
public sealed record LearningReminderOptions(int DueWithinDays, int? EscalateAfterOverdueDays, int RenewalLeadDays)
{
    public static LearningReminderOptions FromConfiguration(IConfiguration configuration) => new(
        configuration.GetValue("Learning:Reminders:DueWithinDays", 7),
        configuration.GetValue<int?>("Learning:Reminders:EscalateAfterOverdueDays"),
        configuration.GetValue("Learning:Reminders:RenewalLeadDays", 60));
}

/// <summary>
/// The daily learning job: enrols role holders an assignment missed, starts the next cycle of expiring recurring paths, reminds of open
/// steps due soon and overdue, and (when configured) tells the learner's leads about long-overdue steps.
/// Sends each reminder once: the enrolment remembers the step it reminded of, and the mail's
/// deduplication key covers a crash between sending and remembering.
/// </summary>
public sealed record SendLearningRemindersCommand : IRequest<Unit>
{
    public const string JobName = "learning-reminders";
}

internal sealed class SendLearningRemindersCommandHandler(
    LearningDbContext db, Enroller enroller, IMediator mediator, LearningReminderOptions options, TimeProvider clock)
    : IRequestHandler<SendLearningRemindersCommand, Unit>
{
    public async Task<Unit> Handle(SendLearningRemindersCommand request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await EnrolMissedHoldersAsync(now, cancellationToken);
        await enroller.RenewExpiringAsync(now, TimeSpan.FromDays(options.RenewalLeadDays), cancellationToken);

        var horizon = now.AddDays(options.DueWithinDays);
        var candidates = await db.Enrolments.AsNoTracking().Include(e => e.Steps)
            .Where(e => e.State == EnrolmentState.Active && e.DueOn <= horizon)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return Unit.Value;
        }

        var pathIds = candidates.Select(e => e.PathId).Distinct().ToList();
        var paths = await db.Paths.AsNoTracking().Include(p => p.Steps).Where(p => pathIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);

        var mails = new List<SendEmailCommand>();
        var dueMarks = new List<(Guid Enrolment, Guid Step)>();
        var overdueMarks = new List<(Guid Enrolment, Guid Step)>();
        var escalations = new List<(Enrolment Enrolment, PathStep Step, LearningPath Path)>();
        foreach (var enrolment in candidates)
        {
            var path = paths[enrolment.PathId];
            var open = enrolment.OpenSteps(EnrolmentLoading.Rules(path), path.AnyOrder);
            if (open.Count == 0)
            {
                continue; // everything submitted: the sign-off is the lead's part
            }

            var first = open[0].StepId;
            var overdue = now > enrolment.DueOn;
            if (!overdue && enrolment.DueReminderStepId != first)
            {
                mails.AddRange(Reminders(enrolment, path, open, "learning.step-due", "due", EmailCategory.Optional));
                dueMarks.Add((enrolment.Id, first));
            }
            else if (overdue && enrolment.OverdueReminderStepId != first)
            {
                mails.AddRange(Reminders(enrolment, path, open, "learning.step-overdue", "overdue", EmailCategory.Mandatory));
                overdueMarks.Add((enrolment.Id, first));
            }

            if (overdue && options.EscalateAfterOverdueDays is { } days && now - enrolment.DueOn >= TimeSpan.FromDays(days) && enrolment.EscalatedStepId != first)
            {
                escalations.Add((enrolment, path.FindStep(first), path));
            }
        }

        mails.AddRange(await EscalationsAsync(escalations, now, cancellationToken));

        // One batch for the whole run: a few set-based statements in Notifications, not a round trip per mail.
        if (mails.Count > 0)
        {
            await mediator.Send(new QueueEmailsCommand(mails), cancellationToken);
        }

        await MarkAsync(dueMarks, (ids, step) => db.Enrolments.Where(e => ids.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.DueReminderStepId, step), cancellationToken));
        await MarkAsync(overdueMarks, (ids, step) => db.Enrolments.Where(e => ids.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.OverdueReminderStepId, step), cancellationToken));
        await MarkAsync(escalations.Select(x => (x.Enrolment.Id, x.Step.Id)).ToList(),
            (ids, step) => db.Enrolments.Where(e => ids.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.EscalatedStepId, step), cancellationToken));
        return Unit.Value;
    }

    /// <summary>
    /// A person who takes a role while HR assigns a path to that role can be missed by both sides
    /// (each transaction does not see the other's row yet). Every assignment is enrolled again here,
    /// set-based and idempotent, so such a miss lasts a day at most.
    /// </summary>
    private async Task EnrolMissedHoldersAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var assignments = await db.Assignments.AsNoTracking().Select(a => new { a.PathId, a.RoleId, a.DueOffsetDays }).ToListAsync(cancellationToken);
        foreach (var assignment in assignments)
        {
            await enroller.EnrolRoleHoldersAsync(assignment.PathId, assignment.RoleId, now, now.AddDays(assignment.DueOffsetDays), cancellationToken);
        }
    }

    private static IEnumerable<SendEmailCommand> Reminders(Enrolment enrolment, LearningPath path, IReadOnlyList<StepRule> open, string template, string kind, EmailCategory category)
    {
        var dueOn = enrolment.DueOn.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        foreach (var rule in open)
        {
            var step = path.FindStep(rule.StepId);
            var data = new Dictionary<string, string>
            {
                ["StepTitle"] = step.Title,
                ["PathTitle"] = path.Title,
                ["DueOn"] = dueOn,
                ["ActionPath"] = $"/learning/enrolments/{enrolment.Id}",
            };
            yield return new SendEmailCommand(enrolment.PersonId, template, data, $"learning:{kind}:{enrolment.Id}:{step.Id}:{enrolment.DueOn:yyyyMMdd}", category,
                TopicKey: $"learning:{enrolment.Id}");
        }
    }

    private async Task<IReadOnlyList<SendEmailCommand>> EscalationsAsync(List<(Enrolment Enrolment, PathStep Step, LearningPath Path)> escalations, DateTimeOffset now, CancellationToken ct)
    {
        var mails = new List<SendEmailCommand>();
        if (escalations.Count == 0)
        {
            return mails;
        }

        var learners = escalations.Select(x => x.Enrolment.PersonId).Distinct().ToList();
        var memberships = await db.UnitMembers.AsNoTracking().Where(m => learners.Contains(m.PersonId)).ToListAsync(ct);
        var unitIds = memberships.Select(m => m.UnitId).Distinct().ToList();
        var leads = (await db.UnitMembers.AsNoTracking().Where(m => unitIds.Contains(m.UnitId) && m.IsLead).ToListAsync(ct)).ToLookup(m => m.UnitId, m => m.PersonId);
        var names = (await mediator.Send(new GetPeopleContactsQuery(learners), ct)).ToDictionary(c => c.PersonId, c => c.DisplayName);
        foreach (var (enrolment, step, path) in escalations)
        {
            var recipients = memberships.Where(m => m.PersonId == enrolment.PersonId).SelectMany(m => leads[m.UnitId]).Where(l => l != enrolment.PersonId).Distinct();
            foreach (var lead in recipients)
            {
                var data = new Dictionary<string, string>
                {
                    ["LearnerName"] = names.GetValueOrDefault(enrolment.PersonId, ""),
                    ["StepTitle"] = step.Title,
                    ["PathTitle"] = path.Title,
                    ["DaysOverdue"] = ((int)(now - enrolment.DueOn).TotalDays).ToString(CultureInfo.InvariantCulture),
                    ["ActionPath"] = $"/learning/enrolments/{enrolment.Id}",
                };
                mails.Add(new SendEmailCommand(lead, "learning.overdue-escalation", data, $"learning:escalation:{enrolment.Id}:{step.Id}:{lead}", EmailCategory.Mandatory,
                    TopicKey: $"learning:escalation:{enrolment.Id}"));
            }
        }

        return mails;
    }

    /// <summary>One UPDATE per distinct step (a handful), not one per enrolment.</summary>
    private static async Task MarkAsync(List<(Guid Enrolment, Guid Step)> marks, Func<List<Guid>, Guid, Task<int>> update)
    {
        foreach (var group in marks.GroupBy(m => m.Step))
        {
            foreach (var chunk in group.Select(m => m.Enrolment).Chunk(5000))
            {
                await update([.. chunk], group.Key);
            }
        }
    }
}
