using Codex.Modules.TeamCodex.Features;
using Codex.Modules.TeamCodex.Features.Acknowledgements;
using Codex.Modules.TeamCodex.Features.Codices;
using Codex.Modules.TeamCodex.Features.Drafts;
using Codex.Modules.TeamCodex.Features.Members;
using Codex.Modules.TeamCodex.Features.Proposals;
using Codex.Modules.TeamCodex.Features.Rounds;
using Codex.Modules.TeamCodex.Features.Scheduling;
using Codex.Modules.TeamCodex.Features.Versions;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Jobs;
using Codex.Shared.Modules;
using Codex.Shared.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.Modules.TeamCodex;

public sealed class TeamCodexTexts;

public sealed class TeamCodexModule : ICodexModule
{
    public void AddServices(IServiceCollection services, ModuleSetup setup)
    {
        var (database, catalog) = (setup.Database, setup.Catalog);
        services.AddModuleDbContext<TeamCodexDbContext, TeamCodexSqliteDbContext, TeamCodexPostgreSqlDbContext, TeamCodexSqlServerDbContext>(
            database, TeamCodexDbContext.Module, TeamCodexDbContext.SchemaName);
        services.AddScoped<CodexAccess>();
        services.AddScoped<CodexMail>();

        // Close before opening, and remind after both, so a morning's mails see the day's rounds.
        services.AddRecurringCommand(CloseExpiredReviewRoundsCommand.JobName, "15 0 * * *", () => new CloseExpiredReviewRoundsCommand());
        services.AddRecurringCommand(OpenDueReviewRoundsCommand.JobName, "30 5 * * *", () => new OpenDueReviewRoundsCommand());
        services.AddRecurringCommand(SendCodexRemindersCommand.JobName, "0 8 * * *", () => new SendCodexRemindersCommand());
        catalog.Add(new ModuleInfo(TeamCodexDbContext.Module, typeof(TeamCodexModule).Assembly, typeof(TeamCodexDbContext), typeof(TeamCodexTexts)));
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        GetUnitMembersEndpoint.Map(api);
        ListCodicesEndpoint.Map(api);
        GetCodexEndpoint.Map(api);
        CreateCodexEndpoint.Map(api);
        GetCodexSettingsEndpoint.Map(api);
        ChangeCodexSettingsEndpoint.Map(api);
        GetDraftEndpoint.Map(api);
        SaveDraftEndpoint.Map(api);
        ProposeChangeEndpoint.Map(api);
        AmendProposalEndpoint.Map(api);
        WithdrawProposalEndpoint.Map(api);
        CommentOnProposalEndpoint.Map(api);
        ListProposalsEndpoint.Map(api);
        GetProposalEndpoint.Map(api);
        OpenRoundEndpoint.Map(api);
        RespondToRoundEndpoint.Map(api);
        CloseRoundEndpoint.Map(api);
        GetRoundEndpoint.Map(api);
        PublishProposalEndpoint.Map(api);
        ListVersionsEndpoint.Map(api);
        GetVersionEndpoint.Map(api);
        CompareVersionsEndpoint.Map(api);
        AcknowledgeVersionEndpoint.Map(api);
        GetAcknowledgementStatusEndpoint.Map(api);
    }
}
