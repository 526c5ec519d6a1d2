using System.Security.Claims;
using Codex.Shared.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Codex.Host.Identity;

/// <summary>
/// Single sign-on with the organisation's OpenID Connect provider (Entra ID, Keycloak, …), set up
/// only by the settings under <c>Security:Oidc</c>; off while no authority is set.
/// </summary>
public sealed class SingleSignOnOptions
{
    public const string Section = "Security:Oidc";

    /// <summary>The provider's issuer URL (its discovery document is below it). Empty: single sign-on is off.</summary>
    public string? Authority { get; set; }

    public string ClientId { get; set; } = "";

    public string? ClientSecret { get; set; }

    /// <summary>Space-separated scopes; <c>openid</c> is always asked for.</summary>
    public string Scopes { get; set; } = "openid profile email";

    /// <summary>The provider's name on the button: "Mit {DisplayName} anmelden".</summary>
    public string DisplayName { get; set; } = "Single Sign-on";

    public string EmailClaim { get; set; } = "email";

    /// <summary>The claim that says the email is verified; empty when the provider vouches for every email it sends (Entra ID work accounts).</summary>
    public string? EmailVerifiedClaim { get; set; } = "email_verified";

    public string GroupsClaim { get; set; } = "groups";

    public string NameClaim { get; set; } = "name";

    /// <summary>Group claim value → Codex role (Admin, HR). The roles named here follow the provider at every sign-in.</summary>
    public Dictionary<string, string> RoleMapping { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether Codex's own passwords still work next to single sign-on.</summary>
    public bool LocalPasswords { get; set; } = true;

    /// <summary>Only for tests against a provider on plain HTTP (loopback).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>Local passwords can only be switched off while single sign-on is on (else nobody could sign in).</summary>
    public bool LocalPasswordsAllowed => !IsEnabled || LocalPasswords;

    /// <summary>The Codex roles the mapping decides (granted when a mapped group is present, revoked when none is).</summary>
    public IReadOnlySet<string> MappedRoles =>
        RoleMapping.Values.Where(CodexRoles.Granted.Contains).ToHashSet(StringComparer.Ordinal);

    /// <summary>The mapped roles that the groups give.</summary>
    public IReadOnlySet<string> RolesFor(IEnumerable<string> groups) =>
        groups.Select(g => RoleMapping.GetValueOrDefault(g)).OfType<string>()
            .Where(CodexRoles.Granted.Contains).ToHashSet(StringComparer.Ordinal);
}

internal static class SingleSignOnSetup
{
    /// <summary>The authentication scheme and the login provider name stored with each linked account.</summary>
    public const string Scheme = "oidc";

    /// <summary>Carries the ID token from the sign-in cookie to the provider's end-session request.</summary>
    public const string IdTokenHintItem = "codex:id-token-hint";

    public static void AddCodexSingleSignOn(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SingleSignOnOptions.Section);
        services.Configure<SingleSignOnOptions>(section);
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.Add(new LocalPasswordsOffFilter()));

        var options = section.Get<SingleSignOnOptions>() ?? new SingleSignOnOptions();
        if (!options.IsEnabled)
        {
            return;
        }

        new AuthenticationBuilder(services).AddOpenIdConnect(Scheme, options.DisplayName, o =>
        {
            o.Authority = options.Authority;
            o.ClientId = options.ClientId;
            o.ClientSecret = options.ClientSecret;
            o.RequireHttpsMetadata = options.RequireHttpsMetadata;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            o.Scope.Clear();
            foreach (var scope in options.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append("openid").Distinct())
            {
                o.Scope.Add(scope);
            }

            // The provider's result lands in Identity's short-lived external cookie; the callback page
            // links it to a person and then issues Codex's own sign-in cookie.
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.SignOutScheme = IdentityConstants.ApplicationScheme;
            o.CallbackPath = "/signin-oidc";
            o.SignedOutCallbackPath = "/signout-callback-oidc";
            o.SaveTokens = true;
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = true;
            foreach (var claim in new[] { options.EmailClaim, options.EmailVerifiedClaim, options.NameClaim })
            {
                if (!string.IsNullOrWhiteSpace(claim))
                {
                    o.ClaimActions.MapUniqueJsonKey(claim, claim);
                }
            }
            o.ClaimActions.MapJsonKey(options.GroupsClaim, options.GroupsClaim);
            o.Events.OnRemoteFailure = context =>
            {
                // Refused consent, a provider error, an expired flow: the person reads why on our page.
                context.Response.Redirect("/Account/ExternalLogin?handler=Callback&failed=true");
                context.HandleResponse();
                return Task.CompletedTask;
            };
            o.Events.OnRedirectToIdentityProviderForSignOut = context =>
            {
                if (context.Properties.Items.TryGetValue(IdTokenHintItem, out var idToken) && idToken is { Length: > 0 })
                {
                    context.ProtocolMessage.IdTokenHint = idToken;
                }
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>
    /// The provider's origin for the Content-Security-Policy's form-action: signing in and out are
    /// form posts answered by a redirect to it. Empty when single sign-on is off.
    /// </summary>
    public static string FormActionSource(IConfiguration configuration)
    {
        var authority = configuration[$"{SingleSignOnOptions.Section}:Authority"];
        return Uri.TryCreate(authority, UriKind.Absolute, out var uri) ? " " + uri.GetLeftPart(UriPartial.Authority) : "";
    }

    /// <summary>What the callback page reads from the provider's answer.</summary>
    public static ProviderIdentity? ReadIdentity(ClaimsPrincipal principal, SingleSignOnOptions options)
    {
        var subject = principal.FindFirstValue("sub") ?? principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (string.IsNullOrEmpty(subject))
        {
            return null;
        }

        var verified = string.IsNullOrWhiteSpace(options.EmailVerifiedClaim)
            || (bool.TryParse(principal.FindFirstValue(options.EmailVerifiedClaim), out var v) && v);
        var groups = principal.FindAll(options.GroupsClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        return new ProviderIdentity(subject, principal.FindFirstValue(options.EmailClaim), verified, groups);
    }
}

/// <summary>Who the provider says signed in.</summary>
public sealed record ProviderIdentity(string Subject, string? Email, bool EmailVerified, IReadOnlyList<string> Groups);

/// <summary>With local passwords switched off, the password forms answer 404 and their posts are refused.</summary>
internal sealed class LocalPasswordsOffFilter : IAsyncPageFilter
{
    private static readonly HashSet<string> PasswordPages =
        ["/Account/Login", "/Account/ForgotPassword", "/Account/ResetPassword", "/Account/Activate"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SingleSignOnOptions>>().Value;
        var page = context.ActionDescriptor.ViewEnginePath;
        var isLogin = page == "/Account/Login";
        var refused = !options.LocalPasswordsAllowed && PasswordPages.Contains(page)
            && (!isLogin || HttpMethods.IsPost(context.HttpContext.Request.Method));
        if (refused)
        {
            context.Result = new Microsoft.AspNetCore.Mvc.StatusCodeResult(
                isLogin ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound);
            return;
        }
        await next();
    }
}
