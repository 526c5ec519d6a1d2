using System.Globalization;
using Codex.Host.Audit;
using Codex.Host.Identity.Features.PersonalData;
using Codex.Shared.Privacy;
using MediatR;
using Microsoft.Extensions.Localization;

namespace Codex.Host.Identity.Features.DescribeProcessing;

/// <summary>
/// "Verarbeitungsübersicht": sign-in accounts, sessions, the account audit log and the failed sign-ins counted
/// in memory; the session's longest life is the configured one (`Security:Session:AbsoluteHours`).
/// </summary>
internal sealed class DescribeProcessingHandler(AccountSessions sessions, IConfiguration configuration, IStringLocalizer<SharedTexts> texts)
    : INotificationHandler<ProcessingOverviewRequested>
{
    public Task Handle(ProcessingOverviewRequested notification, CancellationToken cancellationToken)
    {
        string T(string key) => texts[key].Value;
        var hours = sessions.AbsoluteLifetime.TotalHours.ToString("0.##", CultureInfo.CurrentCulture);
        var auditDays = Retention.Days(configuration, PurgeExpiredAuditTrailCommand.Period, PurgeExpiredAuditTrailCommand.DefaultDays);
        notification.Add(new ProcessingActivity(
            CollectPersonalDataHandler.Module,
            T("Processing.Identity.Title"),
            [T("Processing.Identity.Data.Account"), T("Processing.Identity.Data.Sessions"), T("Processing.Identity.Data.Audit"), T("Processing.Identity.Data.Failures")],
            T("Processing.Identity.Purpose"),
            [T("Processing.Identity.Sees.Person"), T("Processing.Identity.Sees.AdminHr"), T("Processing.Identity.Sees.Audit")],
            [texts["Processing.Identity.Kept.Sessions", hours].Value, T("Processing.Identity.Kept.Account"),
             auditDays > 0 ? texts["Processing.Identity.Kept.Audit", auditDays].Value : T("Processing.Identity.Kept.Audit.NoPeriod"),
             T("Processing.Identity.Kept.Failures")]));
        return Task.CompletedTask;
    }
}
