using Codex.Modules.Organization.Features.People;
using Codex.Shared.Domain;
using Codex.Shared.Errors;
using Codex.Shared.Security;
using Codex.Shared.Web;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Organization.Pages.People;

[Authorize(Roles = $"{CodexRoles.Admin},{CodexRoles.HR}")]
public sealed class EditModel(IMediator mediator, IStringLocalizer<OrganizationTexts> texts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public PersonForm Data { get; set; } = new();

    public IReadOnlyList<PersonUnit> Units { get; private set; } = [];

    public string? Problem { get; private set; }

    public bool IsActive { get; private set; } = true;

    /// <summary>Set after a status change, so the page says what happened.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    public bool IsNew => Id is null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            try
            {
                var person = await mediator.Send(new GetPersonQuery(id), ct);
                Data = new PersonForm
                {
                    FirstName = person.FirstName, LastName = person.LastName, Email = person.Email,
                    PreferredLanguage = person.PreferredLanguage, Version = person.Version,
                };
                Units = person.Units;
                IsActive = person.IsActive;
            }
            catch (NotFoundException)
            {
                return NotFound();
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            if (Id is { } id)
            {
                await mediator.Send(new UpdatePersonCommand(id, Data.FirstName, Data.LastName, Data.Email, Data.PreferredLanguage, Data.Version), ct);
            }
            else
            {
                await mediator.Send(new CreatePersonCommand(Data.FirstName, Data.LastName, Data.Email, Data.PreferredLanguage), ct);
            }

            return Redirect("/people?search=" + Uri.EscapeDataString(Data.Email));
        }
        catch (ValidationException ex)
        {
            ModelState.Clear();
            ModelState.AddValidationErrors(ex);
        }
        catch (DomainException ex)
        {
            Problem = texts[ex.MessageKey];
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException or ConcurrencyConflictException)
        {
            // The user's input stays in the form; the next save is based on what is stored now.
            // (A new person conflicts when someone created one with the same address at the same moment.)
            Problem = texts["Common.Conflict"];
            if (Id is { } id)
            {
                Data.Version = (await mediator.Send(new GetPersonQuery(id), ct)).Version;
            }
        }

        return Page();
    }

    /// <summary>HR marks the person as having left (the form asked for confirmation first).</summary>
    public Task<IActionResult> OnPostDeactivateAsync(CancellationToken ct) =>
        ChangeStatusAsync((id, version) => new DeactivatePersonCommand(id, version), "People.DeactivatedMessage", ct);

    /// <summary>HR brings the person back.</summary>
    public Task<IActionResult> OnPostReactivateAsync(CancellationToken ct) =>
        ChangeStatusAsync((id, version) => new ReactivatePersonCommand(id, version), "People.ReactivatedMessage", ct);

    /// <summary>An admin erases a person who has left (the form asked for confirmation first); the list says it is done.</summary>
    public async Task<IActionResult> OnPostEraseAsync(CancellationToken ct)
    {
        var result = await ChangeStatusAsync((id, version) => new ErasePersonCommand(id, version), "People.ErasedMessage", ct);
        if (result is RedirectResult && Problem is null)
        {
            StatusMessage = null;
            TempData["Message"] = texts["People.ErasedMessage"].Value;
            return Redirect("/people");
        }

        return result;
    }

    private async Task<IActionResult> ChangeStatusAsync(Func<Guid, int, IRequest<Unit>> command, string message, CancellationToken ct)
    {
        if (Id is not { } id)
        {
            return NotFound();
        }

        try
        {
            await mediator.Send(command(id, Data.Version), ct);
            StatusMessage = message;
            return Redirect($"/people/edit/{id}");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException or ConcurrencyConflictException or ValidationException)
        {
            // Someone changed the person in between: show what is stored now and let HR decide again.
            var result = await OnGetAsync(ct);
            Problem = texts["Common.Conflict"];
            return result;
        }
        catch (DomainException ex)
        {
            var result = await OnGetAsync(ct);
            Problem = texts[ex.MessageKey];
            return result;
        }
    }

    /// <summary>The form's fields; empty strings instead of nulls so validation reports them.</summary>
    public sealed class PersonForm
    {
        public string FirstName { get; set; } = "";

        public string LastName { get; set; } = "";

        public string Email { get; set; } = "";

        public string PreferredLanguage { get; set; } = "de";

        public int Version { get; set; }
    }
}
