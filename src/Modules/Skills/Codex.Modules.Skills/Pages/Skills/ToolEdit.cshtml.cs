using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Features.Tools;
using Codex.Shared.Errors;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Skills.Pages.Skills;

[Authorize(Roles = $"{CodexRoles.Admin},{CodexRoles.HR}")]
public sealed class ToolEditModel(IMediator mediator, IStringLocalizer<SkillsTexts> texts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public ToolForm Data { get; set; } = new();

    public string? Problem { get; private set; }

    public bool IsNew => Id is null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            ToolItem tool;
            try
            {
                tool = await mediator.Send(new GetToolQuery(id), ct);
            }
            catch (NotFoundException)
            {
                return NotFound();
            }

            Data = new ToolForm
            {
                Name = tool.Name, Category = tool.Category, Description = tool.Description, GuideUrl = tool.GuideUrl,
                Lifecycle = tool.Lifecycle, Competences = [.. tool.Competences], Version = tool.Version,
            };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await this.SendAsync(texts, () => mediator.Send(
            new SaveToolCommand(Id, Data.Name, Data.Category, Data.Description, Data.GuideUrl, Data.Lifecycle, Data.Competences, Id is null ? 0 : Data.Version), ct));
        Problem = outcome.Problem;
        if (Problem is null)
        {
            return Redirect("/skills/tools?search=" + Uri.EscapeDataString(Data.Name));
        }

        if (outcome.Conflict && Id is { } id)
        {
            // The input stays; the stored tool is shown beside it and the form moves to its version,
            // so saving again puts the input over what the other person saved, knowingly.
            try
            {
                Current = await mediator.Send(new GetToolQuery(id), ct);
                ModelState.Remove($"{nameof(Data)}.{nameof(ToolForm.Version)}");
                Data.Version = Current.Version;
            }
            catch (NotFoundException)
            {
                // Deleted in the meantime: the message says so; there is nothing to show beside the input.
            }
        }

        return Page();
    }

    /// <summary>After a conflict: the tool as someone else saved it in the meantime.</summary>
    public ToolItem? Current { get; private set; }

    public sealed class ToolForm
    {
        public string Name { get; set; } = "";

        public ToolCategory Category { get; set; } = ToolCategory.Other;

        public string? Description { get; set; }

        public string? GuideUrl { get; set; }

        public ToolLifecycle Lifecycle { get; set; } = ToolLifecycle.InUse;

        public List<string> Competences { get; set; } = [];

        public int Version { get; set; }
    }
}
