namespace Codex.Modules.Skills.Features.Gaps;

/// <summary>
/// The heatmap's pre-aggregated numbers: for a unit and a tool, how many people of the unit's whole
/// subtree (each counted once) hold a role requiring the tool, and how many of them meet the highest
/// level their roles require. Maintained on every change that can move them, so reading the heatmap
/// reads a few rows instead of counting 50,000 people.
/// </summary>
internal sealed class UnitCoverage(Guid unitId, Guid toolId)
{
    public Guid UnitId { get; private set; } = unitId;

    public Guid ToolId { get; private set; } = toolId;

    public int Holders { get; set; }

    public int Meeting { get; set; }
}
