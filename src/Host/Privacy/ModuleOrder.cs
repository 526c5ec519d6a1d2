namespace Codex.Host.Privacy;

/// <summary>
/// The order of modules on "Meine Daten" and the "Verarbeitungsübersicht": who the person is first, then their
/// account, then what they do in Codex; modules not listed come last, by key.
/// </summary>
internal static class ModuleOrder
{
    private static readonly string[] Modules = ["Organization", "Identity", "Skills", "Learning", "TeamCodex", "Notifications"];

    public static List<T> Sort<T>(IEnumerable<T> items, Func<T, string> module) =>
        items.OrderBy(i => Array.IndexOf(Modules, module(i)) is var index and >= 0 ? index : int.MaxValue)
            .ThenBy(module, StringComparer.Ordinal)
            .ToList();
}
