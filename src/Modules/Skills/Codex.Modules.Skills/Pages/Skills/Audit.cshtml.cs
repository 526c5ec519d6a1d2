using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Features.Privacy;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Codex.Modules.Skills.Pages.Skills;

[Authorize(Roles = $"{CodexRoles.Admin},{CodexRoles.HR}")]
public sealed class AuditModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public AuditArea? Area { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public PagedResult<AuditLine>? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var area = Area is { } a && Enum.IsDefined(a) ? a : (AuditArea?)null;
        Result = await mediator.Send(new ListAuditQuery(area, Math.Max(1, PageNumber), 50), ct);
    }

    public string PageLink(int page) => $"/skills/audit?area={Area}&p={page}";
}
