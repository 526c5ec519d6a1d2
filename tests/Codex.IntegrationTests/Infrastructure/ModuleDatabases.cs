using Codex.Shared.Persistence;
using Codex.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.IntegrationTests.Infrastructure;

/// <summary>Direct access to a module's own DbContext inside the host, for what the API does not show (outbox, inbox).</summary>
public static class ModuleDatabases
{
    public static async Task<T> WithModuleDbAsync<T>(this CodexApplicationFactory factory, string module, Func<ModuleDbContext, Task<T>> work)
    {
        using var scope = factory.Services.CreateScope();
        var info = scope.ServiceProvider.GetRequiredService<ModuleCatalog>().Modules.Single(m => m.Name == module);
        var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(info.DbContextType!);
        return await work(db);
    }
}
