using Codex.Host.Identity.Features.RequestPasswordReset;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Codex.Host.Pages.Account;

[EnableRateLimiting("login")]
public sealed class ForgotPasswordModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public bool Missing { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var email = (Email ?? "").Trim();
        if (email.Length is 0 or > 254)
        {
            Missing = true;
            return Page();
        }

        // The same answer for every address: the lookup happens in the background.
        await mediator.Send(new RequestPasswordResetCommand(email), ct);
        Sent = true;
        return Page();
    }
}
