namespace Codex.Host.Web;

internal static class SecurityHeaders
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    // The Hangfire dashboard and the API reference ship inline scripts and styles; both are Admin-only.
    private const string DashboardPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "object-src 'none'; frame-ancestors 'none'; base-uri 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        // Single sign-on: signing in and out are form posts answered by a redirect to the provider.
        var pagePolicy = ContentSecurityPolicy + Identity.SingleSignOnSetup.FormActionSource(
            app.ApplicationServices.GetRequiredService<IConfiguration>());
        return app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/jobs", StringComparison.OrdinalIgnoreCase) || context.Request.Path.StartsWithSegments(ApiDescription.ReferencePath, StringComparison.OrdinalIgnoreCase)
                ? DashboardPolicy
                : pagePolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            // API answers, exports and every page a signed-in person sees carry personal data: no copy
            // in the browser's or a proxy's cache (shared computers in care stations). Styles and
            // scripts are public and keep their caching.
            context.Response.OnStarting(() =>
            {
                if (!headers.ContainsKey("Cache-Control")
                    && (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || context.User.Identity?.IsAuthenticated == true))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next();
        });
    }
}
