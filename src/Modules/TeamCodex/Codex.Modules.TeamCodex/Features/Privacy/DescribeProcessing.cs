using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Privacy;
using MediatR;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.TeamCodex.Features.Privacy;

/// <summary>"Verarbeitungsübersicht": what people write and answer in their team's codex; visibility follows the unit, no setting changes it.</summary>
internal sealed class DescribeProcessingHandler(IStringLocalizer<TeamCodexTexts> texts)
    : INotificationHandler<ProcessingOverviewRequested>
{
    public Task Handle(ProcessingOverviewRequested notification, CancellationToken cancellationToken)
    {
        string T(string key) => texts[key].Value;
        notification.Add(new ProcessingActivity(
            TeamCodexDbContext.Module,
            T("Processing.Title"),
            [T("Processing.Data.Drafts"), T("Processing.Data.Proposals"), T("Processing.Data.Responses"), T("Processing.Data.Acknowledgements")],
            T("Processing.Purpose"),
            [T("Processing.Sees.Members"), T("Processing.Sees.Round"), T("Processing.Sees.Leads")],
            [T("Processing.Kept.All")]));
        return Task.CompletedTask;
    }
}
