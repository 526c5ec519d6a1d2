using Codex.Modules.Skills.Features.Roles;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Skills.Pages.Skills;

/// <summary>Job roles: list with search; HR adds and renames them on the same page.</summary>
public sealed class RolesModel(IMediator mediator, IStringLocalizer<SkillsTexts> texts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Edit { get; set; }

    [BindProperty]
    public RoleForm Data { get; set; } = new();

    public IReadOnlyList<RoleItem> Roles { get; private set; } = [];

    public string? Problem { get; private set; }

    public string? DeleteProblem { get; private set; }

    /// <summary>After a conflict: the role as someone else saved it in the meantime.</summary>
    public RoleItem? Current { get; private set; }

    public bool CanManage => User.IsInRole(CodexRoles.Admin) || User.IsInRole(CodexRoles.HR);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Edit is { } id && Roles.FirstOrDefault(r => r.Id == id) is { } role)
        {
            Data = new RoleForm { Name = role.Name, Description = role.Description, Version = role.Version };
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        var outcome = await this.SendAsync(texts, () => mediator.Send(new SaveRoleCommand(Edit, Data.Name, Data.Description, Edit is null ? 0 : Data.Version), ct));
        Problem = outcome.Problem;
        if (Problem is null)
        {
            return Redirect("/skills/roles");
        }

        await LoadAsync(ct);
        if (outcome.Conflict && Edit is { } id && Roles.FirstOrDefault(r => r.Id == id) is { } current)
        {
            // The input stays; the stored role is shown beside it and the form moves to its version,
            // so saving again puts the input over what the other person saved, knowingly.
            Current = current;
            ModelState.Remove($"{nameof(Data)}.{nameof(RoleForm.Version)}");
            Data.Version = current.Version;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, int version, CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        DeleteProblem = await this.TryAsync(texts, () => mediator.Send(new DeleteRoleCommand(id, version), ct));
        if (DeleteProblem is null)
        {
            return Redirect("/skills/roles");
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var search = Search?.Length > 100 ? Search[..100] : Search;
        Roles = await mediator.Send(new ListRolesQuery(search), ct);
    }

    public sealed class RoleForm
    {
        public string Name { get; set; } = "";

        public string? Description { get; set; }

        public int Version { get; set; }
    }
}
