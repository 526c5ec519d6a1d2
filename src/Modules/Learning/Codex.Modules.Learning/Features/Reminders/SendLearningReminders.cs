using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Features.Enrolments;
using Codex.Modules.Learning.Persistence;
using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Organization.Contracts;
using Codex.Shared.Time;
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

    /// <summary>Enrolments due before this instant are "due soon": due on a date up to DueWithinDays days from today (organisation's clock).</summary>
    public DateTimeOffset Horizon(DateTimeOffset now) => OrganisationTime.EndOfDay(OrganisationTime.Today(now).AddDays(DueWithinDays));
}

/// <summary>
/// The daily learning job: enrols role holders an assignment missed, starts the next cycle of expiring recurring paths, reminds of open
/// steps due soon and overdue, and (when configured) tells the learner's leads about long-overdue steps.
/// A person gets at most one reminder mail per run, listing all their due and overdue steps; it is
/// sent when at least one of them has not been reminded of yet (the enrolment remembers the step it
/// reminded of, as due and as overdue), so a second run the same day sends nothing. The mail's
/// deduplication key (person, day and what is new) covers a crash between queueing and remembering.
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

        var horizon = options.Horizon(now);
        var candidates = await db.Enrolments.AsNoTracking().Include(e => e.Steps)
            .Where(e => e.State == EnrolmentState.Active && e.DueOn < horizon)
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
        var today = OrganisationTime.Today(now);
        foreach (var person in candidates.GroupBy(e => e.PersonId))
        {
            var listed = new List<ReminderLine>();
            foreach (var enrolment in person.OrderBy(e => e.DueOn))
            {
                var path = paths[enrolment.PathId];
                var open = enrolment.OpenSteps(EnrolmentLoading.Rules(path), path.AnyOrder);
                if (open.Count == 0)
                {
                    continue; // everything submitted: the sign-off is the lead's part
                }

                var first = open[0].StepId;
                var overdue = enrolment.IsOverdueAt(now);
                var isNew = overdue ? enrolment.OverdueReminderStepId != first : enrolment.DueReminderStepId != first;
                listed.AddRange(open.Select(rule => new ReminderLine(enrolment, path, path.FindStep(rule.StepId), overdue, isNew && rule.StepId == first)));
                if (isNew)
                {
                    (overdue ? overdueMarks : dueMarks).Add((enrolment.Id, first));
                }

                if (overdue && options.EscalateAfterOverdueDays is { } days && enrolment.DaysOverdueAt(now) >= days && enrolment.EscalatedStepId != first)
                {
                    escalations.Add((enrolment, path.FindStep(first), path));
                }
            }

            if (listed.Any(l => l.IsNew))
            {
                mails.Add(Reminder(person.Key, listed, today));
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

    /// <summary>The topic of a person's learning reminders; cancelled when one of their enrolments ends.</summary>
    public static string ReminderTopicPrefix(Guid personId) => $"learning:reminder:{personId}:";

    public static string EscalationTopicPrefix(Guid enrolmentId) => $"learning:escalation:{enrolmentId}";

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

    private sealed record ReminderLine(Enrolment Enrolment, LearningPath Path, PathStep Step, bool Overdue, bool IsNew);

    /// <summary>
    /// One mail listing every open step (overdue first); dates go as ISO dates so Notifications shows them in
    /// the recipient's language. Mandatory as soon as one step is overdue.
    /// </summary>
    private static SendEmailCommand Reminder(Guid personId, List<ReminderLine> lines, DateOnly today)
    {
        var ordered = lines.OrderByDescending(l => l.Overdue).ThenBy(l => l.Enrolment.DueOn).ThenBy(l => l.Step.Position).ToList();
        var items = ordered.Select(l => new Dictionary<string, string>
        {
            ["Kind"] = l.Overdue ? "Overdue" : "Due",
            ["StepTitle"] = l.Step.Title,
            ["PathTitle"] = l.Path.Title,
            ["DueOn"] = l.Enrolment.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["ActionPath"] = $"/learning/enrolments/{l.Enrolment.Id}",
        }).ToList();
        var data = new Dictionary<string, string>
        {
            ["StepCount"] = items.Count.ToString(CultureInfo.InvariantCulture),
            ["Items"] = JsonSerializer.Serialize(items),
            ["ActionPath"] = "/learning",
        };
        var news = string.Join(",", lines.Where(l => l.IsNew).Select(l => $"{l.Enrolment.Id:N}:{l.Step.Id:N}:{(l.Overdue ? 'o' : 'd')}").Order(StringComparer.Ordinal));
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(news)))[..16];
        var topic = ReminderTopicPrefix(personId) + today.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return new SendEmailCommand(personId, "learning.reminder", data, $"{topic}:{fingerprint}",
            lines.Any(l => l.Overdue) ? EmailCategory.Mandatory : EmailCategory.Optional, TopicKey: topic);
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
                    ["DaysOverdue"] = enrolment.DaysOverdueAt(now).ToString(CultureInfo.InvariantCulture),
                    ["ActionPath"] = $"/learning/enrolments/{enrolment.Id}",
                };
                mails.Add(new SendEmailCommand(lead, "learning.overdue-escalation", data, $"learning:escalation:{enrolment.Id}:{step.Id}:{lead}", EmailCategory.Mandatory,
                    TopicKey: EscalationTopicPrefix(enrolment.Id)));
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
