using Codex.Host.Identity.Features.ResetPassword;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Codex.Host.Pages.Account;

[EnableRateLimiting("login")]
public sealed class ResetPasswordModel(IMediator mediator, IStringLocalizer<SharedTexts> texts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Account { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty]
    public string PasswordRepeat { get; set; } = "";

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public bool LinkInvalid { get; private set; }

    public bool Done { get; private set; }

    public void OnGet() => LinkInvalid = Account == Guid.Empty || string.IsNullOrEmpty(Token);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Account == Guid.Empty || string.IsNullOrEmpty(Token) || Token.Length > 2000)
        {
            LinkInvalid = true;
            return Page();
        }

        if (Password != PasswordRepeat)
        {
            Errors = [texts["Password.Mismatch"]];
            return Page();
        }

        var result = await mediator.Send(new ResetPasswordCommand(Account, Token, Password ?? ""), ct);
        (LinkInvalid, Errors, Done) = (result.LinkInvalid, result.PasswordErrors, result.Succeeded);
        return Page();
    }
}
