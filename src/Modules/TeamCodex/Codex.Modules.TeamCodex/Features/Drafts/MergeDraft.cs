using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Mediation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Drafts;

/// <summary>
/// After a refused save: the editor's text merged onto the draft as it is now, three-way against
/// the revision they started from (see <see cref="DraftMerge"/>). Changes nothing; the editor
/// checks the result, decides where both changed the same section, and saves on <see cref="DraftMergeView.CurrentRevision"/>.
/// </summary>
[RequiresSignIn]
public sealed record MergeDraftQuery(Guid UnitId, int BasedOnRevision, IReadOnlyList<DraftSectionInput> Mine) : IRequest<DraftMergeView>;

/// <param name="SavedMeanwhileBy">Who saved since the editor's revision, in order.</param>
public sealed record DraftMergeView(int CurrentRevision, IReadOnlyList<string> SavedMeanwhileBy, IReadOnlyList<CodexSection> Base, IReadOnlyList<CodexSection> Theirs, DraftMergeResult Merge);

internal sealed class MergeDraftQueryHandler(TeamCodexDbContext db, CodexAccess access) : IRequestHandler<MergeDraftQuery, DraftMergeView>
{
    public async Task<DraftMergeView> Handle(MergeDraftQuery query, CancellationToken ct)
    {
        await access.RequireEditAsync(query.UnitId, ct);
        var codex = await db.Codices.AsNoTracking().FirstOrDefaultAsync(c => c.OrgUnitId == query.UnitId, ct)
            ?? throw new Shared.Errors.NotFoundException("Codex", query.UnitId);
        var since = await db.DraftRevisions.AsNoTracking()
            .Where(r => r.CodexId == codex.Id && r.Number >= query.BasedOnRevision)
            .OrderBy(r => r.Number)
            .ToListAsync(ct);

        // A revision the editor cannot have started from (unknown, or newer than the draft): nothing to merge against,
        // so every section the editor sent counts as their change and each difference is asked about.
        var baseSections = since.FirstOrDefault(r => r.Number == query.BasedOnRevision)?.Sections ?? [];
        var mine = query.Mine
            .Select(s => new CodexSection(s.Id ?? Guid.NewGuid(), s.Title ?? "", s.Markdown ?? "", s.IsBinding))
            .ToList();
        var names = await access.NamesAsync(since.Select(r => r.AuthorId), ct);
        var savedBy = since.Where(r => r.Number > query.BasedOnRevision)
            .Select(r => names.GetValueOrDefault(r.AuthorId, "–"))
            .Distinct()
            .ToList();
        return new DraftMergeView(codex.DraftRevision, savedBy, baseSections, codex.Draft, DraftMerge.Merge(baseSections, mine, codex.Draft));
    }
}
