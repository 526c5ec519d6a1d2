using Codex.Host.Identity;
using Codex.Host.Identity.Features.SignInWithProvider;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Codex.Host.Pages.Account;

/// <summary>
/// "Mit … anmelden": sends the person to the organisation's provider and, on the way back, signs
/// them in as the person the provider's verified email names — or says why not.
/// </summary>
[EnableRateLimiting("login")]
public sealed class ExternalLoginModel(
    SignInManager<CodexAccount> signIn, IMediator mediator, IOptions<SingleSignOnOptions> options, IStringLocalizer<SharedTexts> texts)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? ErrorMessage { get; private set; }

    public IActionResult OnGet() => RedirectToPage("Login", new { ReturnUrl });

    public IActionResult OnPost()
    {
        if (!options.Value.IsEnabled)
        {
            return NotFound();
        }

        var callback = Url.Page("ExternalLogin", "Callback", new { ReturnUrl = SafeReturnUrl() });
        var properties = signIn.ConfigureExternalAuthenticationProperties(SingleSignOnSetup.Scheme, callback);
        return Challenge(properties, SingleSignOnSetup.Scheme);
    }

    public async Task<IActionResult> OnGetCallbackAsync(bool failed = false)
    {
        if (!options.Value.IsEnabled)
        {
            return NotFound();
        }

        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var identity = external.Succeeded && !failed ? SingleSignOnSetup.ReadIdentity(external.Principal, options.Value) : null;
        if (identity is null)
        {
            ErrorMessage = texts["SingleSignOn.Failed", options.Value.DisplayName];
            return Page();
        }

        var result = await mediator.Send(new SignInWithProviderCommand(SingleSignOnSetup.Scheme, identity), HttpContext.RequestAborted);
        var account = result.AccountId is { } id ? await signIn.UserManager.FindByIdAsync(id.ToString()) : null;
        if (account is null)
        {
            ErrorMessage = texts[$"SingleSignOn.Refused.{result.Refusal ?? ProviderSignInRefusal.NoPerson}", identity.Email ?? ""];
            return Page();
        }

        // The ID token travels in Codex's own cookie: sign-out sends it to the provider (id_token_hint).
        var properties = new AuthenticationProperties();
        if (external.Properties?.GetTokenValue("id_token") is { Length: > 0 } idToken)
        {
            properties.StoreTokens([new AuthenticationToken { Name = "id_token", Value = idToken }]);
        }
        await signIn.SignInAsync(account, properties, SingleSignOnSetup.Scheme);
        return LocalRedirect(SafeReturnUrl());
    }

    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
