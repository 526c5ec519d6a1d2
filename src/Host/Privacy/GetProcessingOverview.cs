using Codex.Modules.Skills.Contracts;
using Codex.Shared.Mediation;
using Codex.Shared.Privacy;
using MediatR;

namespace Codex.Host.Privacy;

/// <summary>
/// "Verarbeitungsübersicht" (records of processing activities, for the works agreement): per module what Codex stores,
/// for what, who sees what under the settings in force now and how long it is kept, collected through
/// <see cref="ProcessingOverviewRequested"/>. Every signed-in person may read it: transparency is the point.
/// </summary>
[RequiresSignIn]
public sealed record GetProcessingOverviewQuery : IRequest<ProcessingOverview>;

/// <param name="SkillsRules">The co-determination rules in force, shown on top of the page.</param>
public sealed record ProcessingOverview(DateTimeOffset GeneratedAt, PrivacyRules SkillsRules, IReadOnlyList<ProcessingActivity> Activities);

internal sealed class GetProcessingOverviewQueryHandler(IMediator mediator, TimeProvider clock)
    : IRequestHandler<GetProcessingOverviewQuery, ProcessingOverview>
{
    public async Task<ProcessingOverview> Handle(GetProcessingOverviewQuery query, CancellationToken cancellationToken)
    {
        var rules = await mediator.Send(new GetPrivacyRulesQuery(), cancellationToken);
        var request = new ProcessingOverviewRequested();
        await mediator.Publish(request, cancellationToken);
        return new ProcessingOverview(clock.GetUtcNow(), rules, ModuleOrder.Sort(request.Activities, a => a.Module));
    }
}
