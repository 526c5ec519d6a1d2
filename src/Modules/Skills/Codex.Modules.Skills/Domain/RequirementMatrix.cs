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
