using Codex.Shared.Domain;

namespace Codex.Modules.Skills.Domain;

/// <summary>What one role requires of one tool.</summary>
public sealed class Requirement(Guid roleId, Guid toolId, int level, bool mandatory, string rationale)
{
    public const int RationaleMaxLength = 300;

    public Guid RoleId { get; private set; } = roleId;

    public Guid ToolId { get; private set; } = toolId;

    /// <summary>1–4: a requirement of level 0 is no requirement and is removed instead.</summary>
    public int Level { get; internal set; } = level;

    /// <summary>Mandatory, or only recommended.</summary>
    public bool Mandatory { get; internal set; } = mandatory;

    public string Rationale { get; internal set; } = rationale;

    public string Describe() => $"{Level} {(Mandatory ? "mandatory" : "recommended")}";
}

/// <summary>One cell of the grid as the editor sends it; Level 0 means "not required".</summary>
public sealed record RequirementCell(Guid RoleId, Guid ToolId, int Level, bool Mandatory, string? Rationale);

/// <summary>One cell that changed, for the audit: null means "no requirement".</summary>
public sealed record RequirementChanged(Guid RoleId, Guid ToolId, Requirement? Old, RequirementCell? New);

/// <summary>
/// The roles × tools requirement grid. It is one aggregate because HR saves it as a whole from one
/// page: its single version makes a save based on an outdated grid fail instead of overwriting.
/// </summary>
public sealed class RequirementMatrix : AggregateRoot
{
    /// <summary>There is one matrix per installation.</summary>
    public static readonly Guid SingletonId = new("5c1b7a8e-6f00-4e7d-9a5c-000000000001");

    private readonly List<Requirement> _requirements = [];

    private RequirementMatrix()
    {
    }

    public IReadOnlyList<Requirement> Requirements => _requirements;

    public static RequirementMatrix Create() => new() { Id = SingletonId };

    public Requirement? Find(Guid roleId, Guid toolId) =>
        _requirements.FirstOrDefault(r => r.RoleId == roleId && r.ToolId == toolId);

    /// <summary>Applies the given cells; returns only the ones that really changed.</summary>
    public IReadOnlyList<RequirementChanged> Apply(IEnumerable<RequirementCell> cells)
    {
        var changes = new List<RequirementChanged>();
        foreach (var cell in cells)
        {
            ProficiencyScale.Ensure(cell.Level);
            var rationale = cell.Rationale?.Trim() ?? "";
            if (rationale.Length > Requirement.RationaleMaxLength)
            {
                throw new DomainException("Skills.RationaleTooLong", $"A rationale has at most {Requirement.RationaleMaxLength} characters.");
            }

            var existing = Find(cell.RoleId, cell.ToolId);
            if (cell.Level == ProficiencyScale.None)
            {
                if (existing is not null)
                {
                    _requirements.Remove(existing);
                    changes.Add(new RequirementChanged(cell.RoleId, cell.ToolId, existing, null));
                }

                continue;
            }

            if (existing is null)
            {
                _requirements.Add(new Requirement(cell.RoleId, cell.ToolId, cell.Level, cell.Mandatory, rationale));
                changes.Add(new RequirementChanged(cell.RoleId, cell.ToolId, null, cell with { Rationale = rationale }));
            }
            else if (existing.Level != cell.Level || existing.Mandatory != cell.Mandatory || existing.Rationale != rationale)
            {
                var old = new Requirement(existing.RoleId, existing.ToolId, existing.Level, existing.Mandatory, existing.Rationale);
                existing.Level = cell.Level;
                existing.Mandatory = cell.Mandatory;
                existing.Rationale = rationale;
                changes.Add(new RequirementChanged(cell.RoleId, cell.ToolId, old, cell with { Rationale = rationale }));
            }
        }

        return changes;
    }

    /// <summary>A deleted role or tool takes its requirements with it.</summary>
    public void RemoveRole(Guid roleId) => _requirements.RemoveAll(r => r.RoleId == roleId);

    public void RemoveTool(Guid toolId) => _requirements.RemoveAll(r => r.ToolId == toolId);
}

/// <summary>How a cell the editor saw stands against what is stored now, after someone else saved in between.</summary>
public enum CellConflict
{
    /// <summary>Nobody else changed the cell, or both arrived at the same requirement.</summary>
    None,

    /// <summary>Someone else changed it and the editor did not: the other person's requirement stays.</summary>
    TheirsStays,

    /// <summary>Both changed it differently: saving again puts the editor's requirement over the other one.</summary>
    YoursReplacesTheirs,
}

/// <summary>
/// One grid cell as the editor loaded it and as they sent it back. What "the editor changed" means
/// is decided here, so a save after a conflict applies only the editor's own changes over the newer
/// grid and keeps everybody else's.
/// </summary>
/// <param name="Loaded">The cell as it was in the version the editor loaded; null when unknown (then every sent cell counts as changed).</param>
public sealed record RequirementEdit(RequirementCell? Loaded, RequirementCell Entered)
{
    public bool ChangedByEditor => Loaded is null || !SameRequirement(Loaded, Entered);

    /// <summary>The cell against the stored one (null: no requirement).</summary>
    public CellConflict Against(RequirementCell? current)
    {
        var stored = current ?? Entered with { Level = ProficiencyScale.None, Mandatory = false, Rationale = null };
        if (Loaded is null || SameRequirement(Loaded, stored) || SameRequirement(Entered, stored))
        {
            return CellConflict.None;
        }

        return ChangedByEditor ? CellConflict.YoursReplacesTheirs : CellConflict.TheirsStays;
    }

    /// <summary>Only the cells the editor changed: the rest of the grid stays as it is stored now.</summary>
    public static IReadOnlyList<RequirementCell> ChangedCells(IEnumerable<RequirementEdit> edits) =>
        edits.Where(e => e.ChangedByEditor).Select(e => e.Entered).ToList();

    /// <summary>
    /// The same requirement: two cells without a requirement (level 0) are the same whatever their flag or
    /// rationale; otherwise level, flag and trimmed rationale decide.
    /// </summary>
    public static bool SameRequirement(RequirementCell a, RequirementCell b) =>
        (a.Level == ProficiencyScale.None && b.Level == ProficiencyScale.None)
        || (a.Level == b.Level && a.Mandatory == b.Mandatory
            && string.Equals(a.Rationale?.Trim() ?? "", b.Rationale?.Trim() ?? "", StringComparison.Ordinal));
}
