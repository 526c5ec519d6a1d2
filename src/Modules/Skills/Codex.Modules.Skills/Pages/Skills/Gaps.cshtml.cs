using Codex.Modules.Skills.Features.Gaps;
using Codex.Shared.Errors;
using Codex.Shared.Security;
using System.Text.Encodings.Web;
using MediatR;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Codex.Modules.Skills.Pages.Skills;

/// <summary>
/// Gap analysis in aggregates only: the unit heatmap (SVG + table) and the coverage of one role. For admins, HR
/// and leads of a unit; anyone else signed in gets the access-denied page.
/// </summary>
[Authorize]
public sealed class GapsModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? UnitId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? RoleId { get; set; }

    public Heatmap? Heatmap { get; private set; }

    public RoleCoverage? Coverage { get; private set; }

    public IReadOnlyList<Contracts.RoleSummary> Roles { get; private set; } = [];

    public bool NoUnits { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            Heatmap = await mediator.Send(new GetHeatmapQuery(UnitId), ct);
        }
        catch (ForbiddenException) when (UnitId is null && (User.IsInRole(CodexRoles.Admin) || User.IsInRole(CodexRoles.HR)))
        {
            NoUnits = true; // an organisation without units (yet)
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        Roles = await mediator.Send(new Contracts.GetRoleListQuery(), ct);
        if (RoleId is { } roleId && Roles.Any(r => r.RoleId == roleId))
        {
            Coverage = await mediator.Send(new GetRoleCoverageQuery(roleId), ct);
        }

        return Page();
    }

    /// <summary>An SVG text element (Razor reserves the tag name "text" for itself), its content HTML-encoded.</summary>
    public static IHtmlContent SvgText(int x, int y, string cssClass, string content, int rotate = 0, bool middle = false)
    {
        var transform = rotate == 0 ? "" : $" transform=\"rotate({rotate} {x} {y})\"";
        var anchor = middle ? " text-anchor=\"middle\"" : "";
        return new HtmlString($"<text x=\"{x}\" y=\"{y}\" class=\"{cssClass}\"{transform}{anchor}>{HtmlEncoder.Default.Encode(content)}</text>");
    }

    /// <summary>Five bands, each with its own fill and pattern-free text, so colour is never the only carrier.</summary>
    public static string Band(HeatmapCell? cell) => cell switch
    {
        null => "none",
        { Suppressed: true } => "hidden",
        { Percent: >= 90 } => "b4",
        { Percent: >= 70 } => "b3",
        { Percent: >= 40 } => "b2",
        _ => "b1",
    };
}
