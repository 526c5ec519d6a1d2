using Codex.Modules.Skills.Features.Assignments;
using Codex.Modules.Skills.Features.Common;
using Codex.Modules.Skills.Features.Gaps;
using Codex.Modules.Skills.Features.Matrix;
using Codex.Modules.Skills.Features.Privacy;
using Codex.Modules.Skills.Features.Levels;
using Codex.Modules.Skills.Features.Roles;
using Codex.Modules.Skills.Features.Tools;
using Codex.Modules.Skills.Features.Transfer;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Jobs;
using Codex.Shared.Modules;
using Codex.Shared.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.Modules.Skills;

/// <summary>Marker for the module's texts (Resources/SkillsTexts.resx, German; .en.resx, English).</summary>
public sealed class SkillsTexts;

/// <summary>Tool catalogue, role requirement matrix, proficiency records and gap analysis.</summary>
public sealed class SkillsModule : ICodexModule
{
    public void AddServices(IServiceCollection services, ModuleSetup setup)
    {
        var (database, catalog) = (setup.Database, setup.Catalog);
        services.AddModuleDbContext<SkillsDbContext, SkillsSqliteDbContext, SkillsPostgreSqlDbContext, SkillsSqlServerDbContext>(
            database, SkillsDbContext.Module, SkillsDbContext.SchemaName);
        services.AddScoped<SkillsAccess>();
        services.AddScoped<GapCalculator>();
        services.AddScoped<CoverageDisclosure>();
        services.AddScoped<PersonSkillsReader>();
        services.AddRecurringCommand(RebuildCoverageCommand.JobName, "30 2 * * *", () => new RebuildCoverageCommand());
        services.AddRecurringCommand(PurgeExpiredAuditEntriesCommand.JobName, "45 3 * * *", () => new PurgeExpiredAuditEntriesCommand());
        catalog.Add(new ModuleInfo(SkillsDbContext.Module, typeof(SkillsModule).Assembly, typeof(SkillsDbContext), typeof(SkillsTexts)));
    }

    /// <summary>Maps the module's JSON endpoints below the Host's `/api` group.</summary>
    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        ToolEndpoints.Map(api);
        RoleEndpoints.Map(api);
        MatrixEndpoints.Map(api);
        RoleAssignmentEndpoints.Map(api);
        ProficiencyEndpoints.Map(api);
        GapEndpoints.Map(api);
        PrivacyEndpoints.Map(api);
        TransferEndpoints.Map(api);
    }
}
