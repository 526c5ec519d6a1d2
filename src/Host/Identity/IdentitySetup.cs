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
                // Length over composition (NIST SP 800-63B). PasswordPolicy checks the length too, with
                // a German/English message; Identity's own rules are all off so it adds no English one.
                o.Password.RequiredLength = 1;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequiredUniqueChars = 1;
                o.User.RequireUniqueEmail = true;
                // "Confirmed" means: activated through the link and not deactivated (AccountConfirmation).
                o.SignIn.RequireConfirmedAccount = true;
                // No hard lockout: a stranger could lock the owner out with five wrong passwords.
                // SignInThrottle delays failed attempts per address and per network address instead.
                o.Lockout.AllowedForNewUsers = false;
                o.Lockout.MaxFailedAccessAttempts = int.MaxValue;
                // Two-factor codes: one use each, one step of clock skew (see the provider).
                o.Tokens.AuthenticatorTokenProvider = TwoFactor.ReplayProtectedAuthenticatorProvider.Name;
            })
            .AddEntityFrameworkStores<CodexIdentityDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<TwoFactor.ReplayProtectedAuthenticatorProvider>(TwoFactor.ReplayProtectedAuthenticatorProvider.Name)
            .AddPasswordValidator<PasswordPolicy>()
            .AddUserConfirmation<AccountConfirmation>()
            .AddClaimsPrincipalFactory<CodexClaimsFactory>();

        var httpsOnly = configuration.GetValue("Security:HttpsOnly", false);
        services.Configure<DataProtectionTokenProviderOptions>(o =>
            o.TokenLifespan = TimeSpan.FromHours(Features.RequestPasswordReset.PasswordResetMailJob.ValidHours));
        var twoFactor = TwoFactor.TwoFactorSettings.From(configuration);
        services.AddSingleton(twoFactor);
        // "Dieses Gerät merken": the cookie that lets a device skip the second step.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o =>
        {
            o.ExpireTimeSpan = TimeSpan.FromDays(twoFactor.RememberDeviceDays);
            o.Cookie.Name = httpsOnly ? "__Host-Codex.Device" : "Codex.Device";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = httpsOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        // The remembered-device cookie is checked against the security stamp on every use (an admin's
        // reset or a password change makes it worthless at once); sessions use AccountSessionValidator.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = httpsOnly ? "__Host-Codex.SecondStep" : "Codex.SecondStep";
            o.Cookie.SecurePolicy = httpsOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        services.AddScoped<AccountInvitations>();
        services.AddScoped<AccountSessions>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<SignInGuard>();
        services.AddScoped<Features.RequestPasswordReset.PasswordResetMailJob>();

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
            // Every request is checked against the account (one query): deactivation and a password
            // change or reset end existing sessions at once, a role change refreshes them.
            o.Events.OnValidatePrincipal = AccountSessionValidator.ValidateAsync;
            // Each sign-in gets a session on the server; signing out ends it there.
            o.Events.OnSigningIn = AccountSessionValidator.StartSessionAsync;
            o.Events.OnSigningOut = AccountSessionValidator.EndSessionAsync;
            o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = httpsOnly ? "__Host-Codex.Antiforgery" : "Codex.Antiforgery";
            o.Cookie.SecurePolicy = httpsOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        services.AddCodexSingleSignOn(configuration);

        services.AddDataProtection()
            .SetApplicationName("Codex")
            .PersistKeysToDbContext<CodexIdentityDbContext>();
        return services;
    }

    /// <summary>The account roles; lead rights are not among them (they follow the membership lead flag).</summary>
    public static async Task EnsureAccountRolesAsync(this IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in CodexRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.NewGuid() });
            }
        }
    }

    public static void MapAccounts(this IEndpointRouteBuilder api)
    {
        Features.InvitePeople.InvitePeopleEndpoint.Map(api);
        Features.ListAccounts.ListAccountsEndpoint.Map(api);
        Features.ChangeAccountRole.ChangeAccountRoleEndpoint.Map(api);
        Features.RequestPasswordReset.RequestPasswordResetEndpoint.Map(api);
        Features.ResetTwoFactor.ResetTwoFactorEndpoint.Map(api);
    }

    /// <summary>JSON clients get a status code, people in the browser get the login page.</summary>
    private static Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || context.Request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase))
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

/// <summary>Who may sign in: an account whose person set a password through the link and has not left.</summary>
internal sealed class AccountConfirmation : IUserConfirmation<CodexAccount>
{
    public Task<bool> IsConfirmedAsync(UserManager<CodexAccount> manager, CodexAccount user) =>
        Task.FromResult(user.Status == AccountStatus.Active);
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
        identity.AddClaim(new Claim(AccountSessionValidator.AccountVersionClaim, user.ConcurrencyStamp ?? ""));
        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(TwoFactor.TwoFactorRequirement.EnabledClaim, "1"));
        }

        return identity;
    }
}
