using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Features.Matrix;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Skills.Pages.Skills;

/// <summary>The roles × tools grid: HR edits every cell and saves once; everyone else reads it.</summary>
public sealed class MatrixModel(IMediator mediator, IStringLocalizer<SkillsTexts> texts) : PageModel
{
    public MatrixView? Matrix { get; private set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public List<RequirementCell> Data { get; set; } = [];

    public string? Problem { get; private set; }

    public bool Saved { get; private set; }

    public bool CanEdit => User.IsInRole(CodexRoles.Admin) || User.IsInRole(CodexRoles.HR);

    public async Task OnGetAsync(bool saved, CancellationToken ct)
    {
        Saved = saved;
        Matrix = await mediator.Send(new GetMatrixQuery(), ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        Problem = await this.TryAsync(texts, () => mediator.Send(new SaveMatrixCommand(Version, Data), ct));
        if (Problem is null)
        {
            return Redirect("/skills/matrix?saved=true");
        }

        // The user's input stays in the grid; a conflict shows what is stored now.
        Matrix = await mediator.Send(new GetMatrixQuery(), ct);
        return Page();
    }
}
