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
        Problem = await this.TryAsync(texts, () => mediator.Send(new AssessOwnLevelsCommand(Data), ct));
        if (Problem is null)
        {
            return Redirect("/me/skills?saved=true");
        }

        Skills = await mediator.Send(new GetMySkillsQuery(), ct);
        return Page();
    }
}
