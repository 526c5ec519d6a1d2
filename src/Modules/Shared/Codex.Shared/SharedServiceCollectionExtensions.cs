using System.Reflection;
using Codex.Shared.Errors;
using Codex.Shared.Jobs;
using Codex.Shared.Mediation;
using Codex.Shared.Outbox;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Codex.Shared;

public static class SharedServiceCollectionExtensions
{
    /// <summary>The mechanics every module relies on; called once by the Host.</summary>
    public static IServiceCollection AddCodexShared(this IServiceCollection services, ModuleCatalog catalog)
    {
        services.AddSingleton(catalog);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.TryAddScoped<ICurrentUser, HttpCurrentUser>();
        services.TryAddSingleton<IJobTrigger, NoJobTrigger>();
        // Triggered after every commit that wrote events; every 15 seconds is the safety net after a crash or an outage.
        services.AddRecurringCommand(new RecurringCommand(
            DispatchOutboxCommand.JobName, "*/15 * * * * *", () => new DispatchOutboxCommand(), JobQueue.Outbox, () => new AnyNewOutboxMessagesQuery()));
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        var assemblies = catalog.Modules.Select(m => m.Assembly).Append(typeof(SharedServiceCollectionExtensions).Assembly);
        services.AddCodexMediator([.. assemblies]);
        return services;
    }

    private sealed class NoJobTrigger : IJobTrigger
    {
        // Without a job scheduler, the recurring runs are the only trigger.
        public void Trigger(string jobName)
        {
        }
    }

    public static Assembly Assembly => typeof(SharedServiceCollectionExtensions).Assembly;
}
