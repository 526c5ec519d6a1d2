using Codex.Modules.Skills.Contracts;
using Codex.Modules.Skills.Domain;

namespace Codex.Modules.Skills.Features.Levels;

public sealed record PersonSkills(
    Guid PersonId,
    IReadOnlyList<string> Roles,
    IReadOnlyList<SkillLine> Lines,
    IReadOnlyList<SuggestedLearningPath> SuggestedPaths,
    IReadOnlyList<HistoryLine> History);

/// <param name="RequiredLevel">0 when none of the person's roles requires the tool.</param>
public sealed record SkillLine(Guid ToolId, string ToolName, ToolCategory Category, int RequiredLevel, bool Mandatory, int CurrentLevel, bool ConfirmedByLead, ProficiencySource? Source, int Version)
{
    public bool IsGap => CurrentLevel < RequiredLevel;
}

public sealed record HistoryLine(string ToolName, int OldLevel, int NewLevel, ProficiencySource Source, DateTimeOffset At);
