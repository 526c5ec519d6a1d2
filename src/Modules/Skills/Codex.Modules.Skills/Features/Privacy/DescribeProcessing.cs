using Codex.Modules.Skills.Features.Common;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Privacy;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Skills.Features.Privacy;

/// <summary>
/// "Verarbeitungsübersicht": roles, levels and the audit trail; who sees individual levels and from which group size
/// aggregates are shown follow the privacy rules in force now, the audit period the configured retention.
/// </summary>
internal sealed class DescribeProcessingHandler(SkillsAccess access, IConfiguration configuration, IStringLocalizer<SkillsTexts> texts)
    : INotificationHandler<ProcessingOverviewRequested>
{
    public async Task Handle(ProcessingOverviewRequested notification, CancellationToken cancellationToken)
    {
        var rules = await access.RulesAsync(cancellationToken);
        var auditDays = Shared.Privacy.Retention.Days(configuration, PurgeExpiredAuditEntriesCommand.Period, PurgeExpiredAuditEntriesCommand.DefaultDays);
        string T(string key) => texts[key].Value;
        notification.Add(new ProcessingActivity(
            SkillsDbContext.Module,
            T("Processing.Title"),
            [T("Processing.Data.Roles"), T("Processing.Data.Levels"), T("Processing.Data.Audit"), T("Processing.Data.Views")],
            T("Processing.Purpose"),
            [T("Processing.Sees.Person"),
             T(rules.IndividualProficiencyVisibleToLeads ? "Processing.Sees.Individual.On" : "Processing.Sees.Individual.Off"),
             texts["Processing.Sees.Aggregates", rules.MinimumGroupSize].Value,
             T("Processing.Sees.Audit")],
            [T("Processing.Kept.Levels"),
             auditDays > 0 ? texts["Processing.Kept.Audit", auditDays].Value : T("Processing.Kept.Audit.NoPeriod")]));
    }
}
