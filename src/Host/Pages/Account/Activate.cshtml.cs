using Codex.Host.Identity;
using Codex.Host.Identity.Features.AcceptInvitation;
using Codex.Host.Identity.Features.CheckInvitation;
using Codex.Host.Identity.Features.RenewInvitation;
using Codex.Shared.Errors;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Codex.Host.Pages.Account;

/// <summary>Where an invitation link leads: set the first password, or learn why the link no longer works.</summary>
[EnableRateLimiting("login")]
public sealed class ActivateModel(IMediator mediator, SignInManager<CodexAccount> signIn, IStringLocalizer<SharedTexts> texts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty]
    public string PasswordRepeat { get; set; } = "";

    public InvitationCheck? Check { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public bool Renewed { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Check = await CheckAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Password != PasswordRepeat)
        {
            Errors = [texts["Password.Mismatch"]];
            Check = await CheckAsync(ct);
            return Page();
        }

        AcceptInvitationResult result;
        try
        {
            result = await mediator.Send(new AcceptInvitationCommand(Token ?? "", Password), ct);
        }
        catch (Exception ex) when (ex is NotFoundException or FluentValidation.ValidationException)
        {
            Check = new InvitationCheck(null, null, null);
            return Page();
        }

        if (result.Refused is not null || result.PasswordErrors.Count > 0)
        {
            Errors = result.PasswordErrors;
            Check = await CheckAsync(ct);
            return Page();
        }

        var account = await signIn.UserManager.FindByEmailAsync(result.Email!);
        await signIn.SignInAsync(account!, isPersistent: false);
        return LocalRedirect("/");
    }

    public async Task<IActionResult> OnPostRenewAsync(CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(Token) && Token.Length <= 200)
        {
            await mediator.Send(new RenewInvitationCommand(Token), ct);
        }

        Renewed = true;
        return Page();
    }

    private async Task<InvitationCheck> CheckAsync(CancellationToken ct) =>
        string.IsNullOrEmpty(Token) || Token.Length > 200
            ? new InvitationCheck(null, null, null)
            : await mediator.Send(new CheckInvitationQuery(Token), ct);
}
