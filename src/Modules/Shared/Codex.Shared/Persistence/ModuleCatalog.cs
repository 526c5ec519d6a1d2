using System.Reflection;

namespace Codex.Shared.Persistence;

/// <param name="Name">Module name, e.g. "Organization".</param>
/// <param name="Assembly">The module implementation assembly (its commands and handlers).</param>
/// <param name="DbContextType">The module's provider-neutral DbContext type, if it stores data.</param>
/// <param name="TextsType">Marker type of the module's resource file, if it has texts.</param>
public sealed record ModuleInfo(string Name, Assembly Assembly, Type? DbContextType, Type? TextsType);

/// <summary>The modules the Host composed; used by the mechanics that work across modules.</summary>
public sealed class ModuleCatalog
{
    private readonly List<ModuleInfo> _modules = [];

    public IReadOnlyList<ModuleInfo> Modules => _modules;

    public void Add(ModuleInfo module) => _modules.Add(module);

    public ModuleInfo? ForAssembly(Assembly assembly) => _modules.FirstOrDefault(m => m.Assembly == assembly);
}
