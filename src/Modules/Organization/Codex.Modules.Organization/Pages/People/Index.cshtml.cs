using Codex.Modules.Organization.Features.People;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Codex.Modules.Organization.Pages.People;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? UnitId { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)] // "page" is the Razor Pages route value and would win
    public int PageNumber { get; set; } = 1;

    public PagedResult<PersonListItem>? Result { get; private set; }

    public bool CanManage => User.IsInRole(CodexRoles.Admin) || User.IsInRole(CodexRoles.HR);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var search = Search?.Length > 100 ? Search[..100] : Search;
        Result = await mediator.Send(new ListPeopleQuery(search, UnitId, Math.Max(1, PageNumber), PageSize), ct);
    }

    public string PageLink(int page) =>
        "/people" + QueryString.Create(new Dictionary<string, string?>
        {
            ["search"] = Search,
            ["unitId"] = UnitId?.ToString(),
            ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).ToUriComponent();
}
