using Codex.Modules.Organization.Features.Memberships;
using Codex.Modules.Organization.Features.OrgUnits;
using Codex.Modules.Organization.Features.People;
using Codex.Modules.Organization.Persistence;
using Codex.Shared.Modules;
using Codex.Shared.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.Modules.Organization;

/// <summary>Marker for the module's texts (Resources/OrganizationTexts.resx, German; .en.resx, English).</summary>
public sealed class OrganizationTexts;

public sealed class OrganizationModule : ICodexModule
{
    public void AddServices(IServiceCollection services, ModuleSetup setup)
    {
        var (database, catalog) = (setup.Database, setup.Catalog);
        services.AddModuleDbContext<OrganizationDbContext, OrganizationSqliteDbContext, OrganizationPostgreSqlDbContext, OrganizationSqlServerDbContext>(
            database, OrganizationDbContext.Module, OrganizationDbContext.SchemaName);
        catalog.Add(new ModuleInfo(OrganizationDbContext.Module, typeof(OrganizationModule).Assembly, typeof(OrganizationDbContext), typeof(OrganizationTexts)));
    }

    /// <summary>Maps the module's JSON endpoints below the Host's `/api` group.</summary>
    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        CreateOrgUnitEndpoint.Map(api);
        RenameOrgUnitEndpoint.Map(api);
        MoveOrgUnitEndpoint.Map(api);
        GetOrgTreeEndpoint.Map(api);
        GetOrgUnitEndpoint.Map(api);
        CreatePersonEndpoint.Map(api);
        UpdatePersonEndpoint.Map(api);
        DeactivatePersonEndpoint.Map(api);
        ErasePersonEndpoint.Map(api);
        ReactivatePersonEndpoint.Map(api);
        ListPeopleEndpoint.Map(api);
        GetPersonEndpoint.Map(api);
        ChangeMembershipEndpoint.Map(api);
    }
}
