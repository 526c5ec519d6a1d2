using Codex.Host.Identity;
using Codex.Host.Identity.Features.EndMySessions;
using Codex.Host.Identity.Features.ListMySessions;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Codex.Host.Pages.Me;

/// <summary>"Angemeldete Geräte": where I am signed in; sign out one device or all others.</summary>
public sealed class SessionsModel(IMediator mediator, IStringLocalizer<SharedTexts> texts) : PageModel
{
    public IReadOnlyList<MySession> Sessions { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Message = TempData["Message"] as string;
        Sessions = await mediator.Send(new ListMySessionsQuery(AccountSessions.IdOf(User)), ct);
    }

    public async Task<IActionResult> OnPostEndAsync(Guid sessionId, CancellationToken ct)
    {
        var ended = await mediator.Send(new EndMySessionsCommand(sessionId, AccountSessions.IdOf(User)), ct);
        TempData["Message"] = texts["Sessions.Ended", ended].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEndOthersAsync(CancellationToken ct)
    {
        var ended = await mediator.Send(new EndMySessionsCommand(null, AccountSessions.IdOf(User)), ct);
        TempData["Message"] = texts["Sessions.Ended", ended].Value;
        return RedirectToPage();
    }
}
