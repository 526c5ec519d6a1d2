using System.Security.Claims;

namespace Codex.Host.Identity.TwoFactor;

/// <summary>
/// <c>Security:TwoFactor</c>: how long "remember this device" lasts, and the account roles that must
/// use two-factor sign-in (comma-separated, e.g. "Admin,HR"; empty = nobody is forced).
/// </summary>
public sealed class TwoFactorSettings
{
    public const string Section = "Security:TwoFactor";

    public int RememberDeviceDays { get; set; } = 30;

    public string RequiredForRoles { get; set; } = "";

    public IReadOnlyList<string> RequiredRoles =>
        [.. RequiredForRoles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public static TwoFactorSettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<TwoFactorSettings>() ?? new TwoFactorSettings();
        if (settings.RememberDeviceDays is < 0 or > 365)
        {
            throw new InvalidOperationException($"{Section}:RememberDeviceDays must be between 0 and 365.");
        }

        return settings;
    }
}

/// <summary>
/// A person whose role requires two-factor sign-in and who has not set it up reaches only the
/// setup page (and sign-out) until it is done: pages redirect there, the API answers 403. Reads the
/// session's claims only (the session validator refreshes them when the account changes).
/// </summary>
internal static class TwoFactorRequirement
{
    public const string EnabledClaim = "codex:two-factor";
    public const string SetupPath = "/me/two-factor";

    public static IApplicationBuilder UseTwoFactorRequirement(this IApplicationBuilder app, TwoFactorSettings settings)
    {
        var roles = settings.RequiredRoles;
        if (roles.Count == 0)
        {
            return app;
        }

        return app.Use(async (context, next) =>
        {
            if (MustSetUp(context.User, roles) && !IsAllowed(context.Request.Path))
            {
                if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await context.Response.WriteAsJsonAsync(
                        new { type = "about:blank", title = "Two-factor sign-in must be set up first", status = 403 },
                        options: null, contentType: "application/problem+json");
                    return;
                }

                context.Response.Redirect(SetupPath);
                return;
            }

            await next();
        });
    }

    public static bool MustSetUp(ClaimsPrincipal user, IReadOnlyList<string> requiredRoles) =>
        user.Identity?.IsAuthenticated == true
        && user.FindFirst(EnabledClaim) is null
        && requiredRoles.Any(user.IsInRole);

    private static bool IsAllowed(PathString path) =>
        path.StartsWithSegments(SetupPath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/Account", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/culture", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/css", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/js", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/lib", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/favicon.svg", StringComparison.OrdinalIgnoreCase);
}
