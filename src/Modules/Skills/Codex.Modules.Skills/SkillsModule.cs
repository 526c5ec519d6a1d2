using Codex.Modules.Skills.Features.Assignments;
using Codex.Modules.Skills.Features.Common;
using Codex.Modules.Skills.Features.Gaps;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.Modules.Skills;

/// <summary>Marker for the module's texts (Resources/SkillsTexts.resx, German; .en.resx, English).</summary>
public sealed class SkillsTexts;

/// <summary>Tool catalogue, role requirement matrix, proficiency records and gap analysis.</summary>
public static class SkillsModule
{
    public static IServiceCollection AddSkillsModule(this IServiceCollection services, DatabaseOptions database, ModuleCatalog catalog)
    {
        services.AddModuleDbContext<SkillsDbContext, SkillsSqliteDbContext, SkillsPostgreSqlDbContext, SkillsSqlServerDbContext>(
            database, SkillsDbContext.Module, SkillsDbContext.SchemaName);
        services.AddScoped<SkillsAccess>();
        services.AddScoped<GapCalculator>();
        catalog.Add(new ModuleInfo(SkillsDbContext.Module, typeof(SkillsModule).Assembly, typeof(SkillsDbContext), typeof(SkillsTexts)));
        return services;
    }

    /// <summary>Maps the module's JSON endpoints below the Host's `/api` group.</summary>
    public static IEndpointRouteBuilder MapSkillsModule(this IEndpointRouteBuilder api)
    {
        RoleAssignmentEndpoints.Map(api);
        return api;
    }
}
