using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Features.Tools;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Codex.Modules.Skills.Pages.Skills;

/// <summary>The tool catalogue with search, category filter and paging.</summary>
public sealed class ToolsModel(IMediator mediator) : PageModel
{
    private const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public ToolCategory? Category { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public PagedResult<ToolItem>? Result { get; private set; }

    public bool CanManage => User.IsInRole(CodexRoles.Admin) || User.IsInRole(CodexRoles.HR);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var search = Search?.Length > 100 ? Search[..100] : Search;
        var category = Category is { } c && Enum.IsDefined(c) ? c : (ToolCategory?)null;
        Result = await mediator.Send(new ListToolsQuery(search, category, Math.Max(1, PageNumber), PageSize), ct);
    }

    public string PageLink(int page) =>
        "/skills/tools" + QueryString.Create(new Dictionary<string, string?>
        {
            ["search"] = Search,
            ["category"] = Category?.ToString(),
            ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).ToUriComponent();
}
