using Codex.Shared.Domain;
using Codex.Shared.Errors;
using Codex.Shared.Web;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Skills.Pages;

internal static class PageErrors
{
    /// <summary>Runs a page's command; a rule or conflict becomes a message on the page instead of an error page.</summary>
    /// <returns>The message to show, or null when the command succeeded.</returns>
    public static async Task<string?> TryAsync(this PageModel page, IStringLocalizer<SkillsTexts> texts, Func<Task> send, string prefix = "Data") =>
        (await page.SendAsync(texts, send, prefix)).Problem;

    /// <summary>Like <see cref="TryAsync"/>, and says whether the problem was a conflict, so the page can show the current state beside the input.</summary>
    public static async Task<PageOutcome> SendAsync(this PageModel page, IStringLocalizer<SkillsTexts> texts, Func<Task> send, string prefix = "Data")
    {
        try
        {
            await send();
            return new PageOutcome(null, false);
        }
        catch (ValidationException ex)
        {
            page.ModelState.Clear();
            page.ModelState.AddValidationErrors(ex, prefix);
            return new PageOutcome(texts["Common.FixErrors"], false);
        }
        catch (DomainException ex)
        {
            return new PageOutcome(texts[ex.MessageKey], false);
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException or ConcurrencyConflictException)
        {
            return new PageOutcome(texts["Common.Conflict"], true);
        }
    }
}

/// <param name="Problem">The message to show, or null when the command succeeded.</param>
/// <param name="Conflict">Someone else saved in between.</param>
internal sealed record PageOutcome(string? Problem, bool Conflict);
