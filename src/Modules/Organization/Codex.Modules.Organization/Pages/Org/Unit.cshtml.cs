using Codex.Modules.Organization.Features.Memberships;
using Codex.Modules.Organization.Features.OrgUnits;
using Codex.Modules.Organization.Features.People;
using Codex.Shared.Domain;
using Codex.Shared.Errors;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Organization.Pages.Org;

public sealed class UnitModel(IMediator mediator, IStringLocalizer<OrganizationTexts> texts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public OrgUnitDetails? Unit { get; private set; }

    public string? Message { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>The name the user typed, kept when their save was refused.</summary>
    public string? NameInput { get; private set; }

    /// <summary>The email address the user typed, kept when no person was found for it.</summary>
    public string? EmailInput { get; private set; }

    public bool CanManage => User.IsInRole(CodexRoles.Admin) || User.IsInRole(CodexRoles.HR);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    public Task<IActionResult> OnPostRenameAsync(string name, int version, CancellationToken ct)
    {
        NameInput = name;
        return RunAsync(new RenameOrgUnitCommand(Id, name, version), texts["Unit.Renamed"], ct);
    }

    public Task<IActionResult> OnPostMoveAsync(Guid newParentId, int version, CancellationToken ct) =>
        RunAsync(new MoveOrgUnitCommand(Id, newParentId, version), texts["Unit.Moved"], ct);

    public Task<IActionResult> OnPostMemberAsync(Guid personId, MembershipAction action, CancellationToken ct) =>
        RunAsync(new ChangeMembershipCommand(Id, personId, action), texts["Unit.MembersChanged"], ct);

    public async Task<IActionResult> OnPostAddMemberAsync(string? email, CancellationToken ct)
    {
        var term = (email ?? "").Trim();
        EmailInput = term;
        var matches = term.Length == 0
            ? null
            : await mediator.Send(new ListPeopleQuery(term, PageSize: 5), ct);
        var person = matches?.Items.FirstOrDefault(p => string.Equals(p.Email, term, StringComparison.OrdinalIgnoreCase));
        if (person is null)
        {
            Problem = texts["Unit.NoPersonWithEmail", term];
            return await ShowAsync(ct);
        }

        if (!person.IsActive)
        {
            Problem = texts["Unit.PersonHasLeft", term];
            return await ShowAsync(ct);
        }

        return await RunAsync(new ChangeMembershipCommand(Id, person.Id, MembershipAction.Add), texts["Unit.MembersChanged"], ct);
    }

    private async Task<IActionResult> RunAsync<T>(IRequest<T> command, string success, CancellationToken ct)
    {
        try
        {
            await mediator.Send(command, ct);
            TempData["Message"] = success;
            return Redirect($"/org/units/{Id}");
        }
        catch (ValidationException ex)
        {
            Problem = string.Join(" ", ex.Errors.Select(e => e.ErrorMessage));
        }
        catch (DomainException ex)
        {
            Problem = texts[ex.MessageKey];
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException or ConcurrencyConflictException)
        {
            Problem = texts["Common.Conflict"];
        }

        return await ShowAsync(ct);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        try
        {
            Unit = await mediator.Send(new GetOrgUnitQuery(Id), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        Message ??= TempData["Message"] as string;
        return Page();
    }
}
