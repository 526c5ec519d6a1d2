using System.Security.Claims;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Codex.Host.Identity;

internal static class IdentitySetup
{
    public static IServiceCollection AddCodexIdentity(this IServiceCollection services, DatabaseOptions database, IConfiguration configuration)
    {
        services.AddModuleDbContext<CodexIdentityDbContext, IdentitySqliteDbContext, IdentityPostgreSqlDbContext, IdentitySqlServerDbContext>(
            database, CodexIdentityDbContext.Module, CodexIdentityDbContext.SchemaName);

        services.AddIdentity<CodexAccount, IdentityRole<Guid>>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.User.RequireUniqueEmail = true;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(10);
            })
            .AddEntityFrameworkStores<CodexIdentityDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<CodexClaimsFactory>();

        var httpsOnly = configuration.GetValue("Security:HttpsOnly", false);
        services.ConfigureApplicationCookie(o =>
        {
            // The __Host- prefix needs HTTPS; on the plain-HTTP embedded default a normal name is used.
            o.Cookie.Name = httpsOnly ? "__Host-Codex" : "Codex.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = httpsOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = httpsOnly ? "__Host-Codex.Antiforgery" : "Codex.Antiforgery";
            o.Cookie.SecurePolicy = httpsOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        services.AddDataProtection()
            .SetApplicationName("Codex")
            .PersistKeysToDbContext<CodexIdentityDbContext>();
        return services;
    }

    /// <summary>JSON clients get a status code, people in the browser get the login page.</summary>
    private static Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/openapi"))
        {
            context.Response.StatusCode = status;
            return context.Response.WriteAsJsonAsync(
                new { type = "about:blank", title = status == 401 ? "Sign-in required" : "Forbidden", status },
                options: null, contentType: "application/problem+json");
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>Adds the person an account belongs to and their display name to the sign-in cookie.</summary>
internal sealed class CodexClaimsFactory(
    UserManager<CodexAccount> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<CodexAccount, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CodexAccount user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CodexClaims.PersonId, user.PersonId.ToString()));
        identity.AddClaim(new Claim("codex:display-name", user.DisplayName));
        return identity;
    }
}
