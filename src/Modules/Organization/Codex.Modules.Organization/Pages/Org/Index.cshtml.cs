using Codex.Modules.Organization.Features.OrgUnits;
using Codex.Shared.Domain;
using Codex.Shared.Security;
using Codex.Shared.Web;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Codex.Modules.Organization.Pages.Org;

public sealed class IndexModel(IMediator mediator, IStringLocalizer<OrganizationTexts> texts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty]
    public CreateOrgUnitCommand Data { get; set; } = new("", Domain.OrgUnitKind.Team, null);

    public IReadOnlyList<OrgTreeNode> Tree { get; private set; } = [];

    public IReadOnlyList<OrgTreeNode> AllUnits { get; private set; } = [];

    public bool CanManage => User.IsInRole(CodexRoles.Admin) || User.IsInRole(CodexRoles.HR);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var id = await mediator.Send(Data, ct);
            return Redirect($"/org/units/{id}");
        }
        catch (ValidationException ex)
        {
            ModelState.AddValidationErrors(ex);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError("Data.ParentId", texts[ex.MessageKey]);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Tree = await mediator.Send(new GetOrgTreeQuery(Search), ct);
        AllUnits = string.IsNullOrWhiteSpace(Search) ? Tree : await mediator.Send(new GetOrgTreeQuery(), ct);
    }
}
