using Codex.Modules.Learning.Persistence;
using Codex.Shared.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.Modules.Learning;

/// <summary>Marker for the module's texts (Resources/LearningTexts.resx, German; .en.resx, English).</summary>
public sealed class LearningTexts;

/// <summary>Learning paths per role, enrolment and progress, sign-off, reminders.</summary>
public static class LearningModule
{
    public static IServiceCollection AddLearningModule(this IServiceCollection services, DatabaseOptions database, ModuleCatalog catalog)
    {
        services.AddModuleDbContext<LearningDbContext, LearningSqliteDbContext, LearningPostgreSqlDbContext, LearningSqlServerDbContext>(
            database, LearningDbContext.Module, LearningDbContext.SchemaName);
        catalog.Add(new ModuleInfo(LearningDbContext.Module, typeof(LearningModule).Assembly, typeof(LearningDbContext), typeof(LearningTexts)));
        return services;
    }

    /// <summary>Maps the module's JSON endpoints below the Host's `/api` group.</summary>
    public static IEndpointRouteBuilder MapLearningModule(this IEndpointRouteBuilder api) => api;
}
