using Codex.Modules.Learning.Features.Dashboard;
using Codex.Modules.Learning.Features.Enrolments;
using Codex.Modules.Learning.Features.Paths;
using Codex.Modules.Learning.Features.Reminders;
using Codex.Modules.Learning.Features.Retention;
using Codex.Modules.Learning.Persistence;
using Codex.Shared.Jobs;
using Codex.Shared.Modules;
using Codex.Shared.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.Modules.Learning;

/// <summary>Marker for the module's texts (Resources/LearningTexts.resx, German; .en.resx, English).</summary>
public sealed class LearningTexts;

/// <summary>Learning paths per role, enrolment and progress, sign-off, reminders.</summary>
public sealed class LearningModule : ICodexModule
{
    public void AddServices(IServiceCollection services, ModuleSetup setup)
    {
        var (database, catalog) = (setup.Database, setup.Catalog);
        var configuration = setup.Configuration;
        services.AddModuleDbContext<LearningDbContext, LearningSqliteDbContext, LearningPostgreSqlDbContext, LearningSqlServerDbContext>(
            database, LearningDbContext.Module, LearningDbContext.SchemaName);
        services.AddScoped<Enroller>();
        services.AddScoped<LearningAccess>();
        services.AddSingleton(LearningReminderOptions.FromConfiguration(configuration));
        // Daily at 06:30, before the 07:00 digest, so due reminders can travel in it.
        services.AddRecurringCommand(SendLearningRemindersCommand.JobName, "30 6 * * *", () => new SendLearningRemindersCommand());
        services.AddRecurringCommand(PurgeExpiredEvidenceCommand.JobName, "50 3 * * *", () => new PurgeExpiredEvidenceCommand());
        catalog.Add(new ModuleInfo(LearningDbContext.Module, typeof(LearningModule).Assembly, typeof(LearningDbContext), typeof(LearningTexts)));
    }

    /// <summary>Maps the module's JSON endpoints below the Host's `/api` group.</summary>
    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        PathEndpoints.Map(api);
        EnrolmentEndpoints.Map(api);
        DashboardEndpoint.Map(api);
    }
}
