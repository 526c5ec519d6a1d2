using Codex.Shared.Persistence;
using Codex.Shared.Domain;
using Codex.Shared.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Codex.Host.Pages;

/// <summary>
/// The friendly dead end (see <see cref="ErrorContract"/>): an unknown page, a missing right, an
/// outdated form or a fault, in the layout, in the reader's language, with a way back. It keeps
/// the status it was re-executed with, and ignores the failed form's antiforgery token.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(ModuleCatalog modules, IStringLocalizerFactory localizers) : PageModel
{
    private static readonly HashSet<int> Explained = [400, 401, 403, 404, 405, 409, 413, 415, 429, 502, 503];

    public int Status { get; private set; }

    /// <summary>The resource key part: the status when explained, otherwise the generic fault text.</summary>
    public string Kind => Explained.Contains(Status) ? Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "500";

    /// <summary>A broken domain rule is explained in the words of the module that owns it.</summary>
    public string? Detail { get; private set; }

    public string OriginalPath { get; private set; } = "/";

    /// <summary>Back to the page that failed, unless that page itself does not exist.</summary>
    public bool CanGoBack => Status is not (404 or 405) && OriginalPath != "/";

    // Runs for every method and even without a matching handler (a re-executed `?handler=Delete` POST).
    public override void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
        var status = int.TryParse(RouteData.Values["status"] as string, out var routed) ? routed : (int?)null;
        var exception = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        Status = status is >= 400 and < 600 ? status.Value
            : Response.StatusCode >= 400 ? Response.StatusCode
            : StatusCodes.Status404NotFound;
        Response.StatusCode = Status;
        OriginalPath = exception?.Path ?? reExecuted?.OriginalPath ?? "/";
        if (exception?.Error is DomainException domain)
        {
            Detail = DomainMessages.Localize(domain, modules, localizers);
        }
    }
}
