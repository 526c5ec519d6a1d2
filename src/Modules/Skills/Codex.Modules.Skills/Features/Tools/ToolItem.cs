using Codex.Modules.Skills.Domain;

namespace Codex.Modules.Skills.Features.Tools;

public sealed record ToolItem(
    Guid Id, string Name, ToolCategory Category, string Description, string? GuideUrl, ToolLifecycle Lifecycle, IReadOnlyList<string> Competences, int Version);
