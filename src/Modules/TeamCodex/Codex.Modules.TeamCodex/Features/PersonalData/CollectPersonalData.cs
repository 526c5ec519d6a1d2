using Codex.Modules.Organization.Contracts;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Privacy;
using Codex.Shared.Time;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.TeamCodex.Features.PersonalData;

/// <summary>"Meine Daten": what the person wrote (drafts, proposals, comments), how they responded in review rounds, and which versions they acknowledged.</summary>
internal sealed class CollectPersonalDataHandler(TeamCodexDbContext db, IMediator mediator, IStringLocalizer<TeamCodexTexts> texts)
    : INotificationHandler<PersonalDataRequested>
{
    public async Task Handle(PersonalDataRequested notification, CancellationToken cancellationToken)
    {
        var personId = notification.PersonId;
        var drafts = await db.DraftRevisions.AsNoTracking().Where(d => d.AuthorId == personId)
            .Select(d => new { d.CodexId, d.Number, d.SavedAt }).ToListAsync(cancellationToken);
        var proposals = await db.Proposals.AsNoTracking().Where(p => p.AuthorId == personId)
            .Select(p => new { p.CodexId, p.Title, p.Status, p.Revision, p.CreatedAt, p.UpdatedAt }).ToListAsync(cancellationToken);
        var comments = await (from c in db.ProposalComments.AsNoTracking()
                              where c.AuthorId == personId
                              join p in db.Proposals.AsNoTracking() on c.ProposalId equals p.Id
                              select new { p.CodexId, p.Title, c.Text, c.WrittenAt }).ToListAsync(cancellationToken);
        var responses = await (from r in db.RoundResponses.AsNoTracking()
                               where r.PersonId == personId
                               join round in db.Rounds.AsNoTracking() on r.RoundId equals round.Id
                               select new { round.CodexId, r.Kind, r.Reason, r.RespondedAt }).ToListAsync(cancellationToken);
        var acknowledgements = await db.Acknowledgements.AsNoTracking().Where(a => a.PersonId == personId)
            .Select(a => new { a.CodexId, a.VersionNumber, a.AcknowledgedAt }).ToListAsync(cancellationToken);

        var codexIds = drafts.Select(d => d.CodexId).Concat(proposals.Select(p => p.CodexId)).Concat(comments.Select(c => c.CodexId))
            .Concat(responses.Select(r => r.CodexId)).Concat(acknowledgements.Select(a => a.CodexId)).Distinct().ToList();
        var unitOfCodex = await db.Codices.AsNoTracking().Where(c => codexIds.Contains(c.Id))
            .Select(c => new { c.Id, c.OrgUnitId }).ToDictionaryAsync(c => c.Id, c => c.OrgUnitId, cancellationToken);
        var unitNames = codexIds.Count == 0 ? [] : (await mediator.Send(new GetOrgUnitsQuery(), cancellationToken)).ToDictionary(u => u.Id, u => u.Name);

        string T(string key) => texts[key].Value;
        string Codex(Guid codexId) => unitOfCodex.TryGetValue(codexId, out var unit) && unitNames.TryGetValue(unit, out var name) ? name : "–";
        string Number(int n) => n.ToString(System.Globalization.CultureInfo.CurrentCulture);

        var draftTable = PersonalDataTable.Of("drafts", T("PersonalData.Drafts"), [T("PersonalData.Codex"), T("PersonalData.Revision"), T("PersonalData.SavedAt")],
            drafts.OrderByDescending(d => d.SavedAt).Select(d => (IReadOnlyList<string>)[Codex(d.CodexId), Number(d.Number), d.SavedAt.LocalDateTime()]));
        var proposalTable = PersonalDataTable.Of("proposals", T("PersonalData.Proposals"),
            [T("PersonalData.Codex"), T("PersonalData.ProposalTitle"), T("PersonalData.Status"), T("PersonalData.Revision"), T("PersonalData.CreatedAt"), T("PersonalData.UpdatedAt")],
            proposals.OrderByDescending(p => p.CreatedAt).Select(p => (IReadOnlyList<string>)
                [Codex(p.CodexId), p.Title, T($"Status.{p.Status}"), Number(p.Revision), p.CreatedAt.LocalDateTime(), p.UpdatedAt.LocalDateTime()]));
        var commentTable = PersonalDataTable.Of("comments", T("PersonalData.Comments"),
            [T("PersonalData.Codex"), T("PersonalData.ProposalTitle"), T("PersonalData.WrittenAt"), T("PersonalData.Text")],
            comments.OrderByDescending(c => c.WrittenAt).Select(c => (IReadOnlyList<string>)[Codex(c.CodexId), c.Title, c.WrittenAt.LocalDateTime(), c.Text]));
        var responseTable = PersonalDataTable.Of("round-responses", T("PersonalData.Responses"),
            [T("PersonalData.Codex"), T("PersonalData.Response"), T("PersonalData.Reason"), T("PersonalData.RespondedAt")],
            responses.OrderByDescending(r => r.RespondedAt).Select(r => (IReadOnlyList<string>)
                [Codex(r.CodexId), T($"Response.{r.Kind}"), string.IsNullOrWhiteSpace(r.Reason) ? "–" : r.Reason, r.RespondedAt.LocalDateTime()]));
        var acknowledgementTable = PersonalDataTable.Of("acknowledgements", T("PersonalData.Acknowledgements"),
            [T("PersonalData.Codex"), T("PersonalData.Version"), T("PersonalData.AcknowledgedAt")],
            acknowledgements.OrderByDescending(a => a.AcknowledgedAt).Select(a => (IReadOnlyList<string>)[Codex(a.CodexId), Number(a.VersionNumber), a.AcknowledgedAt.LocalDateTime()]));
        notification.Add(new PersonalDataSection(TeamCodexDbContext.Module, T("PersonalData.Title"),
            [draftTable, proposalTable, commentTable, responseTable, acknowledgementTable]));
    }
}
