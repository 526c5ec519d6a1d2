using Codex.Modules.Skills.Features.Levels;
using Codex.Shared.Errors;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Skills.Pages.Skills;

/// <summary>
/// Leads and HR confirm or adjust individual levels — only where the organisation switched that on.
/// Anyone else signed in gets the access-denied page (lead rights come from the org chart, checked per request).
/// </summary>
[Authorize]
public sealed class TeamModel(IMediator mediator, IStringLocalizer<SkillsTexts> texts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? UnitId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? PersonId { get; set; }

    public VisiblePeople? Visible { get; private set; }

    public PersonSkills? Person { get; private set; }

    public string? Problem { get; private set; }

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool saved, CancellationToken ct)
    {
        Saved = saved;
        return await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(Guid toolId, int level, int version, CancellationToken ct)
    {
        if (PersonId is not { } personId)
        {
            return BadRequest();
        }

        try
        {
            Problem = await this.TryAsync(texts, () => mediator.Send(new ConfirmLevelCommand(personId, toolId, level, version), ct), "");
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }

        if (Problem is null)
        {
            return Redirect($"/skills/team?unitId={UnitId}&personId={personId}&saved=true");
        }

        // The lead's choice stays in its row, beside the level stored now (the row carries the current version).
        Entered = (toolId, level);
        return await LoadAsync(ct);
    }

    /// <summary>After a refused confirmation: the tool and level the lead chose.</summary>
    public (Guid ToolId, int Level)? Entered { get; private set; }

    public int LevelShown(SkillLine line) => Entered is { } e && e.ToolId == line.ToolId ? e.Level : line.CurrentLevel;

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        try
        {
            Visible = await mediator.Send(new ListVisiblePeopleQuery(UnitId), ct);
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }

        UnitId = Visible.UnitId;
        if (PersonId is { } personId && Visible.People.Any(p => p.PersonId == personId))
        {
            Person = await mediator.Send(new GetPersonSkillsQuery(personId), ct);
        }

        return Page();
    }
}
