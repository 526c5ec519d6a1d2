using Codex.Shared.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Codex.Host.Web;

/// <summary>Ready only when every module's database answers.</summary>
internal sealed class DatabaseHealthCheck(ModuleCatalog catalog, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        foreach (var module in catalog.Modules.Where(m => m.DbContextType is not null))
        {
            var db = (DbContext)services.GetRequiredService(module.DbContextType!);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy($"The database of {module.Name} does not answer.");
            }
        }

        return HealthCheckResult.Healthy();
    }
}
