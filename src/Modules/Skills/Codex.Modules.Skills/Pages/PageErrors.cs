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
    public static async Task<string?> TryAsync(this PageModel page, IStringLocalizer<SkillsTexts> texts, Func<Task> send, string prefix = "Data")
    {
        try
        {
            await send();
            return null;
        }
        catch (ValidationException ex)
        {
            page.ModelState.Clear();
            page.ModelState.AddValidationErrors(ex, prefix);
            return texts["Common.FixErrors"];
        }
        catch (DomainException ex)
        {
            return texts[ex.MessageKey];
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException or ConcurrencyConflictException)
        {
            return texts["Common.Conflict"];
        }
    }
}
