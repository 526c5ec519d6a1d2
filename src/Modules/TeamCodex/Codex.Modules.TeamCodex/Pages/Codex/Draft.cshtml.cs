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

    /// <summary>Set when someone else saved in between: what they changed, compared with the user's text, per section.</summary>
    public IReadOnlyList<SectionDiff>? Conflict { get; private set; }

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
        var input = Sections
            .Where(s => !s.Remove && !(s.Id is null && string.IsNullOrWhiteSpace(s.Title) && string.IsNullOrWhiteSpace(s.Markdown)))
            .OrderBy(s => s.Position)
            .Select(s => new DraftSectionInput(s.Id, s.Title, s.Markdown, s.IsBinding))
            .ToList();
        try
        {
            if (await TryAsync(new SaveDraftCommand(UnitId, BasedOnRevision, input), Texts["Draft.Saved"], ct))
            {
                return Redirect($"/codex/{UnitId}/draft");
            }
        }
        catch (DraftConflictException)
        {
            Problem = Texts["Draft.Conflict"];
        }

        var failed = await LoadAsync(async () => Draft = await Mediator.Send(new GetDraftQuery(UnitId), ct));
        if (failed is not null)
        {
            return failed;
        }

        if (Problem == Texts["Draft.Conflict"])
        {
            // The user's text stays in the form; saving again now builds on the other person's revision on purpose.
            var mine = input.Select(s => new CodexSection(s.Id ?? Guid.Empty, s.Title ?? "", s.Markdown ?? "", s.IsBinding)).ToList();
            Conflict = WordDiff.CompareSections(Draft.Sections, mine.Where(s => s.Id != Guid.Empty).ToList());
            BasedOnRevision = Draft.Revision;
            ModelState.Remove(nameof(BasedOnRevision));
        }

        return Page();
    }

    public sealed class SectionInput
    {
        public Guid? Id { get; set; }

        public string? Title { get; set; }

        public string? Markdown { get; set; }

        public bool IsBinding { get; set; }

        public int Position { get; set; }

        public bool Remove { get; set; }
    }
}
