using Codex.Modules.Learning.Features.Retention;
using Codex.Modules.Learning.Persistence;
using Codex.Modules.Skills.Contracts;
using Codex.Shared.Privacy;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Learning.Features.Privacy;

/// <summary>
/// "Verarbeitungsübersicht": enrolments, progress, evidence and the viewing log; the dashboard's group size comes from
/// Skills' privacy rules (as the dashboard's does), the periods from the configured retention.
/// </summary>
internal sealed class DescribeProcessingHandler(IMediator mediator, IConfiguration configuration, IStringLocalizer<LearningTexts> texts)
    : INotificationHandler<ProcessingOverviewRequested>
{
    public async Task Handle(ProcessingOverviewRequested notification, CancellationToken cancellationToken)
    {
        var minimum = Math.Max(1, (await mediator.Send(new GetPrivacyRulesQuery(), cancellationToken)).MinimumGroupSize);
        var evidenceDays = Shared.Privacy.Retention.Days(configuration, PurgeExpiredEvidenceCommand.EvidencePeriod, PurgeExpiredEvidenceCommand.DefaultEvidenceDays);
        var auditDays = Shared.Privacy.Retention.Days(configuration, PurgeExpiredEvidenceCommand.AuditPeriod, PurgeExpiredEvidenceCommand.DefaultAuditDays);
        string T(string key) => texts[key].Value;
        notification.Add(new ProcessingActivity(
            LearningDbContext.Module,
            T("Processing.Title"),
            [T("Processing.Data.Enrolments"), T("Processing.Data.Progress"), T("Processing.Data.Evidence"), T("Processing.Data.Views")],
            T("Processing.Purpose"),
            [T("Processing.Sees.Person"), T("Processing.Sees.Leads"), T("Processing.Sees.Hr"), texts["Processing.Sees.Dashboard", minimum].Value],
            [T("Processing.Kept.Enrolments"),
             evidenceDays > 0 ? texts["Processing.Kept.Evidence", evidenceDays].Value : T("Processing.Kept.Evidence.NoPeriod"),
             auditDays > 0 ? texts["Processing.Kept.Views", auditDays].Value : T("Processing.Kept.Views.NoPeriod")]));
    }
}
