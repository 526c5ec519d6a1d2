using Codex.Modules.Organization.Persistence;
using Codex.Shared.Privacy;
using MediatR;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Organization.Features.Privacy;

/// <summary>"Verarbeitungsübersicht": people and their memberships in org units; no setting changes who sees them.</summary>
internal sealed class DescribeProcessingHandler(IStringLocalizer<OrganizationTexts> texts)
    : INotificationHandler<ProcessingOverviewRequested>
{
    public Task Handle(ProcessingOverviewRequested notification, CancellationToken cancellationToken)
    {
        string T(string key) => texts[key].Value;
        notification.Add(new ProcessingActivity(
            OrganizationDbContext.Module,
            T("Processing.Title"),
            [T("Processing.Data.Person"), T("Processing.Data.Memberships")],
            T("Processing.Purpose"),
            [T("Processing.Sees.Everyone"), T("Processing.Sees.AdminHr")],
            [T("Processing.Kept.Person")]));
        return Task.CompletedTask;
    }
}
