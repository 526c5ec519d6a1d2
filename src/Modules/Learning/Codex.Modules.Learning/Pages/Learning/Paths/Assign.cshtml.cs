using Codex.Modules.Learning.Features.Paths;
using Codex.Modules.Skills.Contracts;
using Codex.Shared.Errors;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Learning.Pages.Learning.Paths;

[Authorize(Roles = $"{CodexRoles.Admin},{CodexRoles.HR}")]
public sealed class AssignModel(IMediator mediator, IStringLocalizer<LearningTexts> texts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public AssignForm Data { get; set; } = new();

    public PathDetails? Path { get; private set; }

    public IReadOnlyList<RoleSummary> Roles { get; private set; } = [];

    public string? Problem { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? enrolled, CancellationToken ct)
    {
        Message = enrolled is { } count ? texts["Assign.Enrolled", count].Value : null;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var enrolled = await mediator.Send(new AssignPathCommand(Id, Data.RoleId ?? Guid.Empty, Data.DueOffsetDays), ct);
            return Redirect($"/learning/paths/{Id}/assign?enrolled={enrolled}");
        }
        catch (Exception ex) when (LearningFormat.TryExplain(ex, texts, ModelState, out var problem))
        {
            Problem = problem;
        }

        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid roleId, CancellationToken ct)
    {
        try
        {
            await mediator.Send(new UnassignPathCommand(Id, roleId), ct);
            return Redirect($"/learning/paths/{Id}/assign");
        }
        catch (Exception ex) when (LearningFormat.TryExplain(ex, texts, ModelState, out var problem))
        {
            Problem = problem;
        }

        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            Path = await mediator.Send(new GetPathQuery(Id), ct);
        }
        catch (NotFoundException)
        {
            return false;
        }

        Roles = [.. (await mediator.Send(new GetRoleListQuery(), ct)).OrderBy(r => r.Name, StringComparer.CurrentCulture)];
        return true;
    }

    public sealed class AssignForm
    {
        public Guid? RoleId { get; set; }

        public int DueOffsetDays { get; set; } = 60;
    }
}
