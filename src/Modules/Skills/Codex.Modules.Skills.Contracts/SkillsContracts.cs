using Codex.Shared.Contracts;
using MediatR;

namespace Codex.Modules.Skills.Contracts;

/// <summary>HR gave a person a role (a person can hold several).</summary>
public sealed record RoleAssignedIntegrationEvent(
    Guid EventId, DateTimeOffset OccurredAt, Guid PersonId, Guid RoleId, string RoleName) : IIntegrationEvent;

/// <summary>HR took a role away from a person.</summary>
public sealed record RoleUnassignedIntegrationEvent(
    Guid EventId, DateTimeOffset OccurredAt, Guid PersonId, Guid RoleId) : IIntegrationEvent;

/// <summary>HR deleted a job role nobody held any more; anything assigned to it ends.</summary>
public sealed record RoleDeletedIntegrationEvent(Guid EventId, DateTimeOffset OccurredAt, Guid RoleId) : IIntegrationEvent;

/// <summary>The tool catalogue, for picking a step's target tool.</summary>
public sealed record GetToolCatalogueQuery : IRequest<IReadOnlyList<ToolSummary>>;

public sealed record ToolSummary(Guid ToolId, string Name, string Category);

/// <summary>All roles, for assigning learning paths to them.</summary>
public sealed record GetRoleListQuery : IRequest<IReadOnlyList<RoleSummary>>;

public sealed record RoleSummary(Guid RoleId, string Name);

/// <summary>Current holders of one role (person ids), e.g. to reconcile another module's projection.</summary>
public sealed record GetRoleHoldersQuery(Guid RoleId) : IRequest<IReadOnlyList<Guid>>;

/// <summary>
/// Where a person's current proficiency is below what their roles require (for the person
/// themself and for learning recommendations). Levels use the scale 0 none … 4 can teach others.
/// </summary>
public sealed record GetProficiencyGapsQuery(Guid PersonId) : IRequest<IReadOnlyList<ProficiencyGap>>;

public sealed record ProficiencyGap(Guid ToolId, string ToolName, int RequiredLevel, int CurrentLevel, bool Mandatory);

/// <summary>
/// The organisation's co-determination rules: aggregates over fewer people than
/// <see cref="MinimumGroupSize"/> are never shown; individual levels reach leads/HR only when switched on.
/// </summary>
public sealed record GetPrivacyRulesQuery : IRequest<PrivacyRules>;

public sealed record PrivacyRules(int MinimumGroupSize, bool IndividualProficiencyVisibleToLeads);

/// <summary>Seeds the demo roles, tools, requirements, assignments and assessments once; false when they already exist.</summary>
public sealed record SeedDemoSkillsCommand : IRequest<bool>;

/// <summary>The roles the given people hold (for an import's preview: which assignments would be new).</summary>
public sealed record GetRolesOfPeopleForImportQuery(IReadOnlyCollection<Guid> PersonIds) : IRequest<IReadOnlyList<PersonRole>>;

public sealed record PersonRole(Guid PersonId, Guid RoleId);

/// <summary>
/// Gives many people a role each in one transaction (the people import): assignments a person
/// already holds are skipped, unknown roles and people who are not active are refused. Every new
/// assignment raises RoleAssigned and is audited, as a single assignment is. Returns how many were new.
/// </summary>
public sealed record AssignRolesInBulkCommand(IReadOnlyList<PersonRole> Assignments) : IRequest<int>;

/// <summary>
/// A learning step that targets a tool and level was completed (Learning sends this for each of its
/// LearningStepCompleted events): the person's proficiency rises to at least <see cref="Level"/>, never
/// falls. Idempotent per <see cref="EventId"/>: the same event delivered again changes nothing. True when a level rose.
/// </summary>
public sealed record RaiseLevelByLearningCommand(Guid EventId, DateTimeOffset OccurredAt, Guid PersonId, Guid ToolId, int Level) : IRequest<bool>;

/// <summary>
/// Learning paths that lead to at least the given level of the given tools, for the skills pages'
/// "suggested learning". Declared here, answered by the Learning module (which follows skill requirements).
/// </summary>
public sealed record GetSuggestedLearningQuery(IReadOnlyCollection<NeededLevel> Gaps) : IRequest<IReadOnlyList<SuggestedLearningPath>>;

public sealed record NeededLevel(Guid ToolId, int Level);

public sealed record SuggestedLearningPath(Guid PathId, string Title, Guid ToolId, int Level);
