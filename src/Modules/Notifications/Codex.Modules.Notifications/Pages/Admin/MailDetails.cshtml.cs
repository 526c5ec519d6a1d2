using Codex.Modules.Notifications.Features.Admin;
using Codex.Shared.Errors;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Codex.Modules.Notifications.Pages.Admin;

[Authorize(Roles = CodexRoles.Admin)]
public sealed class MailDetailsModel(IMediator mediator) : PageModel
{
    public EmailDetails? Mail { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Mail = await mediator.Send(new GetEmailQuery(id), ct);
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }
}
