using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Localization;

namespace Codex.Host.Web;

/// <summary>
/// Cross-site request protection for the API. Its endpoints are authenticated by the same cookie
/// as the pages, so a page of another site (or of another port of the same host) could make the
/// browser send it — for requests without a JSON body (withdraw, retry, raw file imports) even
/// without a CORS preflight. A state-changing API request is therefore accepted only when the
/// browser says it comes from our own origin (`Sec-Fetch-Site: same-origin`, or an `Origin` equal
/// to ours) or when it carries the antiforgery token (header `RequestVerificationToken`). Every
/// browser sends at least one of the two headers on such a request; a request with neither and no
/// token is refused too: no exception for clients that cannot say where they come from.
/// </summary>
internal static class CrossSiteProtection
{
    public static IApplicationBuilder UseCrossSiteProtection(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!IsStateChangingApiRequest(context.Request) || IsSameOrigin(context.Request)
                || await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
            {
                await next();
                return;
            }

            var texts = context.RequestServices.GetRequiredService<IStringLocalizer<SharedTexts>>();
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CrossSiteProtection))
                .LogWarning("Cross-site API request refused: {Method} {Path} from origin {Origin} ({FetchSite})",
                    context.Request.Method, context.Request.Path, context.Request.Headers.Origin.ToString(), context.Request.Headers["Sec-Fetch-Site"].ToString());
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = texts["CrossSite.Title"], Detail = texts["CrossSite.Detail"] },
            });
        });

    private static bool IsStateChangingApiRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method));

    /// <summary>The browser's own word: Fetch Metadata first, then the Origin header.</summary>
    private static bool IsSameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site == "same-origin";
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0 && string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
    }
}
