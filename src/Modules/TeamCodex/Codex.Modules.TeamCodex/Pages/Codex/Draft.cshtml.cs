using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Features.Drafts;
using Codex.Modules.TeamCodex.Rendering;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.TeamCodex.Pages.Codex;

/// <summary>
/// The draft editor: a plain form (works without JavaScript); a script keeps unsaved text in the
/// browser. A save against an outdated revision shows the other person's text next to the user's own.
/// </summary>
public sealed class DraftModel(IMediator mediator, IStringLocalizer<TeamCodexTexts> texts) : CodexPage(mediator, texts)
{
    [BindProperty(SupportsGet = true)]
    public Guid UnitId { get; set; }

    [BindProperty]
    public int BasedOnRevision { get; set; }

    [BindProperty]
    public List<SectionInput> Sections { get; set; } = [];

    public DraftView Draft { get; private set; } = null!;

    /// <summary>
    /// Set when someone else saved in between: the user's changes were merged onto the current draft
    /// (the form shows the result), and this says who saved and what of theirs came in.
    /// </summary>
    public DraftMergeView? Merge { get; private set; }

    /// <summary>The other person's changes that the merge took over, word by word.</summary>
    public IReadOnlyList<SectionDiff> TheirChanges { get; private set; } = [];

    public bool JustSaved { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var failed = await LoadAsync(async () => Draft = await Mediator.Send(new GetDraftQuery(UnitId), ct));
        if (failed is not null)
        {
            return failed;
        }

        BasedOnRevision = Draft.Revision;
        Sections = Draft.Sections.Select((s, i) => new SectionInput { Id = s.Id, Title = s.Title, Markdown = s.Markdown, IsBinding = s.IsBinding, Position = i + 1 }).ToList();
        TakeMessage();
        JustSaved = Message is not null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // The form's empty "new section" is no section; shown again, the page adds its own.
        Sections = Sections.Where(s => !(s.Id is null && string.IsNullOrWhiteSpace(s.Title) && string.IsNullOrWhiteSpace(s.Markdown))).ToList();
        var kept = Sections.Where(s => !s.Remove).OrderBy(s => s.Position).ToList();
        var undecided = kept.Where(s => s.Conflict == ConflictKind.BothChanged && s.Choice is null).ToList();
        if (undecided.Count > 0)
        {
            // Nothing is saved until the user has said which text each section both changed should keep.
            Problem = Texts["Draft.ChooseVersion", string.Join(", ", undecided.Select(s => $"„{s.Title}“"))];
            return await ShowAsync(ct);
        }

        var input = kept.Select(s => s.Choice == VersionChoice.Theirs
                ? new DraftSectionInput(s.Id, s.TheirTitle, s.TheirMarkdown, s.IsBinding)
                : new DraftSectionInput(s.Id, s.Title, s.Markdown, s.IsBinding))
            .ToList();
        try
        {
            if (await TryAsync(new SaveDraftCommand(UnitId, BasedOnRevision, input), Texts["Draft.Saved"], ct))
            {
                return Redirect($"/codex/{UnitId}/draft");
            }

            return await ShowAsync(ct);
        }
        catch (DraftConflictException)
        {
        }

        var (ok, merge) = await TrySendAsync(new MergeDraftQuery(UnitId, BasedOnRevision, input), ct);
        if (!ok || merge is null)
        {
            return await ShowAsync(ct);
        }

        // The form now holds the merge: the user's text wherever they changed something (also in every conflicting
        // section, with the other version beside it), the other person's everywhere else. Saving builds on their revision.
        Merge = merge;
        var conflicts = merge.Merge.Conflicts.ToDictionary(c => c.SectionId);
        Sections = merge.Merge.Sections.Select((s, i) =>
        {
            var section = new SectionInput { Id = s.Id, Title = s.Title, Markdown = s.Markdown, IsBinding = s.IsBinding, Position = i + 1 };
            if (conflicts.TryGetValue(s.Id, out var conflict))
            {
                section.Conflict = conflict switch
                {
                    { Mine: null } => ConflictKind.IRemoved,
                    { Theirs: null } => ConflictKind.TheyRemoved,
                    _ => ConflictKind.BothChanged,
                };
                section.TheirTitle = conflict.Theirs?.Title;
                section.TheirMarkdown = conflict.Theirs?.Markdown;
            }

            section.FromTheirs = merge.Merge.TakenFromTheirs.Contains(s.Id);
            return section;
        }).ToList();
        TheirChanges = WordDiff.CompareSections(merge.Base, merge.Theirs).Where(d => d.HasChanges).ToList();
        BasedOnRevision = merge.CurrentRevision;
        ModelState.Clear();
        Problem = merge.Merge.IsClean ? null : Texts["Draft.ConflictAsk", merge.Merge.Conflicts.Count].Value;
        Message = merge.Merge.IsClean ? Texts["Draft.Merged"].Value : null;
        return await ShowAsync(ct);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var failed = await LoadAsync(async () => Draft = await Mediator.Send(new GetDraftQuery(UnitId), ct));
        return failed ?? Page();
    }

    public enum ConflictKind
    {
        None,
        BothChanged,
        IRemoved,
        TheyRemoved,
    }

    public enum VersionChoice
    {
        Mine,
        Theirs,
    }

    public sealed class SectionInput
    {
        public Guid? Id { get; set; }

        public string? Title { get; set; }

        public string? Markdown { get; set; }

        public bool IsBinding { get; set; }

        public int Position { get; set; }

        public bool Remove { get; set; }

        /// <summary>After a merge: whether both changed this section (the form carries the other version along).</summary>
        public ConflictKind Conflict { get; set; }

        public string? TheirTitle { get; set; }

        public string? TheirMarkdown { get; set; }

        /// <summary>Which text a section both changed keeps: the user's (as edited in the field) or the other person's.</summary>
        public VersionChoice? Choice { get; set; }

        /// <summary>After a merge: this section is the other person's change, taken over.</summary>
        public bool FromTheirs { get; set; }
    }
}
