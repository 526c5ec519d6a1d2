using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Codex.Host.Pages;

public sealed class IndexModel : PageModel
{
    public string DisplayName => User.FindFirst("codex:display-name")?.Value ?? User.Identity?.Name ?? "";

    public void OnGet()
    {
    }
}
