namespace Codex.Modules.Skills.Features.Gaps;

/// <summary>
/// One row: updating it first is the lock that makes coverage maintenance run one at a time
/// (a delta read and applied by two transactions at once would count twice), on every provider.
/// </summary>
internal sealed class CoverageState
{
    public const int SingletonId = 1;

    public int Id { get; private set; } = SingletonId;

    public long Generation { get; private set; }

    /// <summary>Null until the first full rebuild: a database filled before coverage existed needs one.</summary>
    public DateTimeOffset? RebuiltAt { get; set; }
}
