using Codex.Shared.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.Modules.Learning;

/// <summary>
/// The module's single entry point. It stores nothing yet: its capability is the subject of its
/// own issue, and it registers here so the Host composes every module from the start.
/// </summary>
public static class LearningModule
{
    public static IServiceCollection AddLearningModule(this IServiceCollection services, ModuleCatalog catalog)
    {
        catalog.Add(new ModuleInfo("Learning", typeof(LearningModule).Assembly, null, null));
        return services;
    }

    public static IEndpointRouteBuilder MapLearningModule(this IEndpointRouteBuilder api) => api;
}
