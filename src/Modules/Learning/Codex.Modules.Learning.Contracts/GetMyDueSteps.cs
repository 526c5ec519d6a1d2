using MediatR;

namespace Codex.Modules.Learning.Contracts;

/// <summary>
/// The signed-in person's learning steps that are overdue or due within the reminder window
/// (`Learning:Reminders:DueWithinDays`), one item per path, most urgent first. Steps already
/// submitted for sign-off are the lead's part and left out. Empty for an account without a person.
/// </summary>
public sealed record GetMyDueStepsQuery : IRequest<IReadOnlyList<DueStep>>;

/// <summary>
/// The next open step of an enrolment (<see cref="OpenSteps"/> counts every step that may be done now),
/// its due date and the enrolment page where it is completed.
/// </summary>
public sealed record DueStep(Guid EnrolmentId, string PathTitle, string StepTitle, int OpenSteps, DateTimeOffset DueOn, bool IsOverdue, string Link);
