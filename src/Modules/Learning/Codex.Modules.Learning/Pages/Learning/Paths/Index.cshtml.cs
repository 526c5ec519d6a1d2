using System.Globalization;
using Codex.Modules.Learning.Features.Paths;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Codex.Modules.Learning.Pages.Learning.Paths;

[Authorize(Roles = $"{CodexRoles.Admin},{CodexRoles.HR}")]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)] // "page" is the Razor Pages route value and would win
    public int PageNumber { get; set; } = 1;

    public PagedResult<PathListItem>? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var search = Search?.Length > 100 ? Search[..100] : Search;
        Result = await mediator.Send(new ListPathsQuery(search, Math.Max(1, PageNumber), PageSize), ct);
    }

    public string PageLink(int page) =>
        "/learning/paths" + QueryString.Create(new Dictionary<string, string?>
        {
            ["search"] = Search,
            ["p"] = page.ToString(CultureInfo.InvariantCulture),
        }).ToUriComponent();
}
