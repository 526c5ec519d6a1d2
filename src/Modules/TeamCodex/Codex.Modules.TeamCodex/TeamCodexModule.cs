using Codex.Modules.TeamCodex.Features.Members;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.Modules.TeamCodex;

public sealed class TeamCodexTexts;

public static class TeamCodexModule
{
    public static IServiceCollection AddTeamCodexModule(this IServiceCollection services, DatabaseOptions database, ModuleCatalog catalog)
    {
        services.AddModuleDbContext<TeamCodexDbContext, TeamCodexSqliteDbContext, TeamCodexPostgreSqlDbContext, TeamCodexSqlServerDbContext>(
            database, TeamCodexDbContext.Module, TeamCodexDbContext.SchemaName);
        catalog.Add(new ModuleInfo(TeamCodexDbContext.Module, typeof(TeamCodexModule).Assembly, typeof(TeamCodexDbContext), null));
        return services;
    }

    public static IEndpointRouteBuilder MapTeamCodexModule(this IEndpointRouteBuilder api)
    {
        GetUnitMembersEndpoint.Map(api);
        return api;
    }
}
