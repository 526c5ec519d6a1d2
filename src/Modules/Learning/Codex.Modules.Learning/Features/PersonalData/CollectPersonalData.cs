using Codex.Modules.Learning.Persistence;
using Codex.Modules.Organization.Contracts;
using Codex.Shared.Privacy;
using Codex.Shared.Time;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Learning.Features.PersonalData;

/// <summary>"Meine Daten": the person's enrolments, their step progress with evidence and sign-offs, and who else opened their progress.</summary>
internal sealed class CollectPersonalDataHandler(LearningDbContext db, IMediator mediator, IStringLocalizer<LearningTexts> texts, TimeProvider clock)
    : INotificationHandler<PersonalDataRequested>
{
    public async Task Handle(PersonalDataRequested notification, CancellationToken cancellationToken)
    {
        var personId = notification.PersonId;
        var now = clock.GetUtcNow();
        var enrolments = await db.Enrolments.AsNoTracking().Include(e => e.Steps).Where(e => e.PersonId == personId).ToListAsync(cancellationToken);
        var pathIds = enrolments.Select(e => e.PathId).Distinct().ToList();
        var paths = await db.Paths.AsNoTracking().Where(p => pathIds.Contains(p.Id)).Select(p => new { p.Id, p.Title }).ToDictionaryAsync(p => p.Id, p => p.Title, cancellationToken);
        var steps = await db.Steps.AsNoTracking().Where(s => pathIds.Contains(s.PathId)).Select(s => new { s.Id, s.Title }).ToDictionaryAsync(s => s.Id, s => s.Title, cancellationToken);
        var views = await db.ProgressViews.AsNoTracking().Where(v => v.PersonId == personId).ToListAsync(cancellationToken);

        var people = enrolments.SelectMany(e => e.Steps).Where(s => s.CompletedBy is not null).Select(s => s.CompletedBy!.Value)
            .Concat(views.Where(v => v.ViewerPersonId is not null).Select(v => v.ViewerPersonId!.Value)).Distinct().ToList();
        var names = people.Count == 0 ? [] : (await mediator.Send(new GetPeopleContactsQuery(people), cancellationToken)).ToDictionary(p => p.PersonId, p => p.DisplayName);

        string T(string key) => texts[key].Value;
        string Path(Guid id) => paths.GetValueOrDefault(id) ?? "–";
        string Who(Guid? id, string fallback) => id is { } known && names.TryGetValue(known, out var name) ? name : fallback;
        string At(DateTimeOffset? at) => at?.LocalDateTime() ?? "–";
        var pathOfEnrolment = enrolments.ToDictionary(e => e.Id, e => Path(e.PathId));

        var ordered = enrolments.OrderBy(e => Path(e.PathId), StringComparer.CurrentCulture).ThenBy(e => e.Cycle).ToList();
        var enrolmentTable = PersonalDataTable.Of("enrolments", T("PersonalData.Enrolments"),
            [T("PersonalData.Path"), T("PersonalData.Cycle"), T("PersonalData.State"), T("PersonalData.EnrolledAt"), T("PersonalData.DueDate"), T("PersonalData.CompletedAt")],
            ordered.Select(e => (IReadOnlyList<string>)
                [Path(e.PathId), e.Cycle.ToString(System.Globalization.CultureInfo.CurrentCulture), T($"Status.{e.StatusAt(now)}"),
                 e.EnrolledAt.LocalDateTime(), e.DueDate.Shown(), At(e.CompletedAt)]));
        var progressTable = PersonalDataTable.Of("step-progress", T("PersonalData.Progress"),
            [T("PersonalData.Path"), T("PersonalData.Step"), T("PersonalData.State"), T("PersonalData.SubmittedAt"), T("PersonalData.Evidence"), T("PersonalData.CompletedAt"), T("PersonalData.SignedOffBy")],
            ordered.SelectMany(e => e.Steps.OrderBy(s => s.SubmittedAt).Select(s => (IReadOnlyList<string>)
                [Path(e.PathId), steps.GetValueOrDefault(s.StepId) ?? "–", T($"StepState.{s.State}"), s.SubmittedAt.LocalDateTime(),
                 s.Evidence ?? "–", At(s.CompletedAt), s.CompletedBy is null ? "–" : s.CompletedBy == personId ? T("PersonalData.Myself") : Who(s.CompletedBy, "–")])));
        var viewsTable = PersonalDataTable.Of("views", T("PersonalData.Views"),
            [T("PersonalData.Who"), T("PersonalData.When"), T("PersonalData.What")],
            views.OrderByDescending(v => v.At).Select(v => (IReadOnlyList<string>)
                [Who(v.ViewerPersonId, v.ViewerName), v.At.LocalDateTime(), texts["PersonalData.ViewedEnrolment", pathOfEnrolment.GetValueOrDefault(v.EnrolmentId) ?? "–"].Value]));
        notification.Add(new PersonalDataSection(LearningDbContext.Module, T("PersonalData.Title"), [enrolmentTable, progressTable, viewsTable]));
    }
}
