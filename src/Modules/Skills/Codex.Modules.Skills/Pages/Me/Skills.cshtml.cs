using Codex.Modules.Skills.Features.Levels;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Skills.Pages.Me;

/// <summary>The person's own skills: self-assessment, gaps against their roles, suggested learning, history.</summary>
public sealed class SkillsModel(IMediator mediator, IStringLocalizer<SkillsTexts> texts) : PageModel
{
    public PersonSkills? Skills { get; private set; }

    [BindProperty]
    public List<OwnLevel> Data { get; set; } = [];

    public string? Problem { get; private set; }

    public bool Saved { get; private set; }

    public bool Conflict { get; private set; }

    private Dictionary<Guid, OwnLevel> Entered { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(bool saved, CancellationToken ct)
    {
        if (User.FindFirst(Codex.Shared.Security.CodexClaims.PersonId) is null)
        {
            return Forbid();
        }

        Saved = saved;
        Skills = await mediator.Send(new GetMySkillsQuery(), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await this.SendAsync(texts, () => mediator.Send(new AssessOwnLevelsCommand(Data), ct));
        Problem = outcome.Problem;
        if (Problem is null)
        {
            return Redirect("/me/skills?saved=true");
        }

        // The person's input stays in the form; after a conflict the versions are the current ones and
        // the stored level is shown beside each line where it differs, so saving again is a knowing choice.
        Conflict = outcome.Conflict;
        Entered = Data.GroupBy(d => d.ToolId).ToDictionary(g => g.Key, g => g.Last());
        Skills = await mediator.Send(new GetMySkillsQuery(), ct);
        return Page();
    }

    /// <summary>The level the select shows: the person's input when the form comes back, otherwise the stored one.</summary>
    public int LevelShown(SkillLine line) => Entered.TryGetValue(line.ToolId, out var entered) ? entered.Level : line.CurrentLevel;

    /// <summary>The version the form carries: the loaded one, or after a conflict the current one.</summary>
    public int VersionShown(SkillLine line) => !Conflict && Entered.TryGetValue(line.ToolId, out var entered) ? entered.Version : line.Version;

    /// <summary>After a conflict: the line was changed elsewhere (another tab, a lead, learning) to a level other than the person's input.</summary>
    public bool ChangedElsewhere(SkillLine line) =>
        Conflict && Entered.TryGetValue(line.ToolId, out var entered) && entered.Version != line.Version && entered.Level != line.CurrentLevel;
}
