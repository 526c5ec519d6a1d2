using Codex.Shared.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Codex.Shared.Modules;

/// <summary>What the Host hands every module when it composes the application.</summary>
/// <param name="Database">The database provider and connection every module's DbContext uses.</param>
/// <param name="Configuration">The application's configuration (options a module reads itself).</param>
/// <param name="Catalog">The catalogue each module adds itself to (handlers, validators, texts, DbContext).</param>
public sealed record ModuleSetup(DatabaseOptions Database, IConfiguration Configuration, ModuleCatalog Catalog);

/// <summary>
/// The one way a module joins the Host: its services, then its JSON endpoints below `/api`.
/// Every module assembly has exactly one public implementation, listed in the Host's composition root.
/// </summary>
public interface ICodexModule
{
    /// <summary>Registers the module's services and adds it to <see cref="ModuleSetup.Catalog"/>.</summary>
    void AddServices(IServiceCollection services, ModuleSetup setup);

    /// <summary>Maps the module's JSON endpoints below the Host's `/api` group.</summary>
    void MapEndpoints(IEndpointRouteBuilder api);
}
