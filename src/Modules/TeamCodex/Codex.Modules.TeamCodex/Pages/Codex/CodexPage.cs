using Codex.Modules.TeamCodex.Domain;
using Codex.Shared.Domain;
using Codex.Shared.Errors;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.TeamCodex.Pages.Codex;

/// <summary>
/// What every codex page does with a form post: send the command, and turn each refusal a user
/// can cause into a visible message while the page keeps what they entered.
/// </summary>
public abstract class CodexPage(IMediator mediator, IStringLocalizer<TeamCodexTexts> texts) : PageModel
{
    protected IMediator Mediator => mediator;

    protected IStringLocalizer<TeamCodexTexts> Texts => texts;

    public string? Message { get; protected set; }

    public string? Problem { get; protected set; }

    /// <summary>Sends the request; on success stores the message for the page redirected to, else sets <see cref="Problem"/>.</summary>
    protected async Task<bool> TryAsync<T>(IRequest<T> request, string successMessage, CancellationToken ct)
    {
        var (ok, _) = await TrySendAsync(request, ct);
        if (ok)
        {
            TempData["Message"] = successMessage;
        }

        return ok;
    }

    /// <summary>Sends the request and returns its result, or sets <see cref="Problem"/> for a refusal the user can fix.</summary>
    protected async Task<(bool Ok, T? Result)> TrySendAsync<T>(IRequest<T> request, CancellationToken ct)
    {
        try
        {
            return (true, await mediator.Send(request, ct));
        }
        catch (ValidationException ex)
        {
            Problem = string.Join(" ", ex.Errors.Select(e => e.ErrorMessage).Distinct());
        }
        catch (DomainException ex)
        {
            Problem = texts[ex.MessageKey];
        }
        catch (ForbiddenException)
        {
            Problem = texts["Common.Forbidden"];
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException or ConcurrencyConflictException)
        {
            Problem = texts["Common.Conflict"];
        }

        return (false, default);
    }

    protected void TakeMessage() => Message ??= TempData["Message"] as string;

    /// <summary>Runs a page's loading; a missing unit, codex or round is a 404, a forbidden one a 403.</summary>
    protected static async Task<IActionResult?> LoadAsync(Func<Task> load)
    {
        try
        {
            await load();
            return null;
        }
        catch (NotFoundException)
        {
            return new NotFoundResult();
        }
        catch (ForbiddenException)
        {
            return new ForbidResult();
        }
    }

    public string OutcomeText(RoundOutcome outcome) => texts[$"Outcome.{outcome}"];

    public string ResponseText(ResponseKind kind) => texts[$"Response.{kind}"];
}
