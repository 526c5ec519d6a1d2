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
    public bool CanGoBack => Status is not (404 or 405 or 503) && OriginalPath != "/";

    /// <summary>
    /// The database is unreachable (503): the page says so, that saved data is safe and when to try
    /// again, with a link that tries the same page again. It does not reload itself (no meta
    /// refresh): a page that changes under a reader is a timing barrier (WCAG 2.2.1, failure F41),
    /// and a form sent during the outage must not be sent again unseen.
    /// </summary>
    public bool Outage => Status == StatusCodes.Status503ServiceUnavailable;

    /// <summary>The failed page again; its query only for a GET (a POST's handler query is no page to open).</summary>
    public string RetryPath { get; private set; } = "/";

    /// <summary>A form sent during the outage may not have been saved: the page says so honestly.</summary>
    public bool WasSubmission { get; private set; }

    /// <summary>A signed-in person whose session could not be checked: it is kept, and the page says so.</summary>
    public bool SessionKept { get; private set; }

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
        if (Outage)
        {
            ErrorContract.AddRetryAfter(Response);
            WasSubmission = !HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method);
            SessionKept = HttpContext.Items.ContainsKey(Identity.AccountSessionValidator.SessionKeptItem);
            var query = WasSubmission ? "" : exception is not null ? Request.QueryString.Value : reExecuted?.OriginalQueryString;
            // Never "//host": browsers read it as another site.
            RetryPath = OriginalPath.StartsWith("//", StringComparison.Ordinal) || OriginalPath.StartsWith("/\\", StringComparison.Ordinal) ? "/" : OriginalPath + query;
            // The layout must not ask the database for anything while the database is the problem.
            ViewData["DatabaseUnavailable"] = true;
        }

        if (exception?.Error is DomainException domain)
        {
            Detail = DomainMessages.Localize(domain, modules, localizers);
        }
    }
}
