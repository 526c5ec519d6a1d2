using Codex.Modules.Notifications.Features.Retention;
using Codex.Modules.Notifications.Persistence;
using Codex.Shared.Privacy;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Notifications.Features.Privacy;

/// <summary>"Verarbeitungsübersicht": the mail log and mail settings, with the mail log's period as configured now.</summary>
internal sealed class DescribeProcessingHandler(IConfiguration configuration, IStringLocalizer<NotificationsTexts> texts)
    : INotificationHandler<ProcessingOverviewRequested>
{
    public Task Handle(ProcessingOverviewRequested notification, CancellationToken cancellationToken)
    {
        string T(string key) => texts[key].Value;
        var mailLogDays = Shared.Privacy.Retention.Days(configuration, PurgeExpiredMailCommand.Period, PurgeExpiredMailCommand.DefaultDays);
        notification.Add(new ProcessingActivity(
            NotificationsDbContext.Module,
            T("Processing.Title"),
            [T("Processing.Data.MailLog"), T("Processing.Data.Settings")],
            T("Processing.Purpose"),
            [T("Processing.Sees.Person"), T("Processing.Sees.Admin")],
            [mailLogDays > 0 ? texts["Processing.Kept.MailLog", mailLogDays].Value : T("Processing.Kept.MailLog.NoPeriod"),
             T("Processing.Kept.Waiting"), T("Processing.Kept.Settings")]));
        return Task.CompletedTask;
    }
}
