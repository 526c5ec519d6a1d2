using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Features.Matrix;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Skills.Pages.Skills;

/// <summary>
/// The roles × tools grid: HR edits every cell and saves once; everyone else reads it. Each cell carries
/// what it was when the grid was loaded, so a save sends only the cells the editor changed, and after a
/// conflict the grid comes back with the editor's input, the other person's values beside it, and a save
/// that keeps both.
/// </summary>
// 200 tools × a dozen roles are more than the framework's default of 1024 form values.
[RequestFormLimits(ValueCountLimit = 200_000)]
public sealed class MatrixModel(IMediator mediator, IStringLocalizer<SkillsTexts> texts) : PageModel
{
    private Dictionary<(Guid RoleId, Guid ToolId), GridCellInput> _posted = [];

    public MatrixView? Matrix { get; private set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public List<GridCellInput> Data { get; set; } = [];

    public string? Problem { get; private set; }

    public bool Saved { get; private set; }

    /// <summary>Someone else saved the grid after the editor loaded it.</summary>
    public bool Conflict { get; private set; }

    /// <summary>The version the form is based on: the loaded one, or after a conflict the current one (the editor's changes are then applied over it).</summary>
    public int FormVersion { get; private set; }

    public bool CanEdit => User.IsInRole(CodexRoles.Admin) || User.IsInRole(CodexRoles.HR);

    public async Task OnGetAsync(bool saved, CancellationToken ct)
    {
        Saved = saved;
        Matrix = await mediator.Send(new GetMatrixQuery(), ct);
        FormVersion = Matrix.Version;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        var changed = RequirementEdit.ChangedCells(Data.Select(c => c.ToEdit()));
        var outcome = await this.SendAsync(texts, () => mediator.Send(new SaveMatrixCommand(Version, changed), ct));
        if (outcome.Problem is null)
        {
            return Redirect("/skills/matrix?saved=true");
        }

        // The user's input stays in the grid, with what it was based on; a conflict adds the current state beside it.
        Problem = outcome.Problem;
        Conflict = outcome.Conflict;
        _posted = Data.GroupBy(c => (c.RoleId, c.ToolId)).ToDictionary(g => g.Key, g => g.Last());
        Matrix = await mediator.Send(new GetMatrixQuery(), ct);
        FormVersion = Conflict ? Matrix.Version : Version;
        if (Conflict)
        {
            Problem = texts["Matrix.ConflictIntro"];
        }

        return Page();
    }

    /// <summary>What one cell of the form shows: the editor's input when the form comes back, otherwise the stored cell.</summary>
    public GridCellView CellFor(Guid roleId, Guid toolId)
    {
        var stored = Matrix!.Cell(roleId, toolId) is { } c ? new RequirementCell(c.RoleId, c.ToolId, c.Level, c.Mandatory, c.Rationale) : null;
        if (!_posted.TryGetValue((roleId, toolId), out var posted))
        {
            var none = new RequirementCell(roleId, toolId, ProficiencyScale.None, false, "");
            return new GridCellView(stored ?? none, stored ?? none, stored, CellConflict.None);
        }

        var edit = posted.ToEdit();
        return new GridCellView(edit.Entered, edit.Loaded, stored, Conflict ? edit.Against(stored) : CellConflict.None);
    }

    /// <summary>A requirement as text: "3 · fortgeschritten · verpflichtend · Begründung", or "keine Anforderung".</summary>
    public string Describe(RequirementCell? cell) =>
        cell is null || cell.Level == ProficiencyScale.None
            ? texts["Matrix.None"]
            : string.Join(" · ", new[]
            {
                $"{cell.Level} {texts["Level." + cell.Level]}",
                cell.Mandatory ? texts["Matrix.Mandatory"].Value : texts["Matrix.Recommended"].Value,
                cell.Rationale ?? "",
            }.Where(p => p.Length > 0));
}

/// <param name="Entered">What the input shows.</param>
/// <param name="Loaded">What the cell was in the version the form is based on (null when unknown).</param>
/// <param name="Current">What is stored now (null: no requirement).</param>
public sealed record GridCellView(RequirementCell Entered, RequirementCell? Loaded, RequirementCell? Current, CellConflict Conflict);

/// <summary>One cell as the form posts it: the input, and what the cell was when the grid was loaded.</summary>
public sealed class GridCellInput
{
    public Guid RoleId { get; set; }

    public Guid ToolId { get; set; }

    public int Level { get; set; }

    public bool Mandatory { get; set; }

    public string? Rationale { get; set; }

    /// <summary>The loaded level; absent when a client posts without it (then the cell counts as changed).</summary>
    public int? WasLevel { get; set; }

    public bool WasMandatory { get; set; }

    public string? WasRationale { get; set; }

    public RequirementEdit ToEdit() => new(
        WasLevel is { } was ? new RequirementCell(RoleId, ToolId, was, WasMandatory, WasRationale ?? "") : null,
        new RequirementCell(RoleId, ToolId, Level, Mandatory, Rationale));
}
