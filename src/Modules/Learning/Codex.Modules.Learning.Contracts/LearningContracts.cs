using Codex.Shared.Contracts;
using MediatR;

namespace Codex.Modules.Learning.Contracts;

/// <summary>
/// A person completed (or had signed off) a learning step that targets a tool and level;
/// Skills raises the person's proficiency to at least <see cref="Level"/>.
/// </summary>
public sealed record LearningStepCompletedIntegrationEvent(
    Guid EventId, DateTimeOffset OccurredAt, Guid PersonId, Guid PathId, Guid StepId, Guid ToolId, int Level) : IIntegrationEvent;

/// <summary>An enrolment was completed or archived (role lost, path withdrawn, person left): what was queued about it is moot.</summary>
public sealed record EnrolmentEndedIntegrationEvent(Guid EventId, DateTimeOffset OccurredAt, Guid EnrolmentId, Guid PersonId) : IIntegrationEvent;

/// <summary>Learning paths that lead to at least the given level of the given tools (for gap pages).</summary>
public sealed record GetPathsForGapsQuery(IReadOnlyCollection<ToolLevel> Gaps) : IRequest<IReadOnlyList<SuggestedPath>>;

public sealed record ToolLevel(Guid ToolId, int Level);

public sealed record SuggestedPath(Guid PathId, string Title, Guid ToolId, int Level);

/// <summary>Seeds the demo learning paths and their role assignments once; false when they already exist.</summary>
public sealed record SeedDemoLearningCommand : IRequest<bool>;
