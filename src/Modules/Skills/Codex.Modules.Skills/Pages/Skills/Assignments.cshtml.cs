using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Contracts;
using Codex.Modules.Skills.Features.Assignments;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Skills.Pages.Skills;

/// <summary>HR assigns job roles, unit by unit (a person can hold several).</summary>
[Authorize(Roles = $"{CodexRoles.Admin},{CodexRoles.HR}")]
public sealed class AssignmentsModel(IMediator mediator, IStringLocalizer<SkillsTexts> texts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? UnitId { get; set; }

    public IReadOnlyList<(OrgUnitSummary Unit, int Depth)> Units { get; private set; } = [];

    public IReadOnlyList<PersonRow> People { get; private set; } = [];

    public IReadOnlyList<RoleSummary> Roles { get; private set; } = [];

    public string? Problem { get; private set; }

    public string? Done { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Done = done is "assigned" or "removed" ? texts["Assign.Done." + done].Value : null;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAssignAsync(Guid personId, Guid roleId, CancellationToken ct)
    {
        Problem = await this.TryAsync(texts, () => mediator.Send(new AssignRoleCommand(personId, roleId), ct), "");
        return await AfterAsync("assigned", ct);
    }

    public async Task<IActionResult> OnPostUnassignAsync(Guid personId, Guid roleId, CancellationToken ct)
    {
        Problem = await this.TryAsync(texts, () => mediator.Send(new UnassignRoleCommand(personId, roleId), ct), "");
        return await AfterAsync("removed", ct);
    }

    private async Task<IActionResult> AfterAsync(string done, CancellationToken ct)
    {
        if (Problem is null)
        {
            return Redirect($"/skills/assignments?unitId={UnitId}&done={done}");
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var tree = new OrgUnitTree(await mediator.Send(new GetOrgUnitsQuery(), ct));
        Units = tree.InOrder();
        Roles = await mediator.Send(new GetRoleListQuery(), ct);
        if (UnitId is not { } unitId || !tree.Contains(unitId))
        {
            UnitId = null;
            return;
        }

        var members = await mediator.Send(new GetUnitMembershipsQuery([unitId]), ct);
        var ids = members.Select(m => m.PersonId).Distinct().ToList();
        var contacts = await mediator.Send(new GetPeopleContactsQuery(ids), ct);
        var held = (await mediator.Send(new GetRolesOfPeopleQuery(ids), ct)).ToLookup(h => h.PersonId);
        People = contacts.Where(c => c.IsActive)
            .OrderBy(c => c.DisplayName, StringComparer.CurrentCulture)
            .Select(c => new PersonRow(c.PersonId, c.DisplayName, held[c.PersonId].ToList()))
            .ToList();
    }

    public sealed record PersonRow(Guid PersonId, string Name, IReadOnlyList<HeldRole> Roles);
}
