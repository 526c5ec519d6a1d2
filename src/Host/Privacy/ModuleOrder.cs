namespace Codex.Host.Privacy;

/// <summary>
/// The order of modules on "Meine Daten", the "Verarbeitungsübersicht" and the audit trail: who the person is first,
/// then their account, then what they do in Codex; modules not listed come last, by key.
/// </summary>
internal static class ModuleOrder
{
    private static readonly string[] Modules = ["Organization", "Identity", "Skills", "Learning", "TeamCodex", "Notifications"];

    public static IReadOnlyList<string> ForReaders => Modules;

    /// <summary>A module's place in <see cref="ForReaders"/>; modules not listed come last.</summary>
    public static int Of(string module) => Array.IndexOf(Modules, module) is var index and >= 0 ? index : int.MaxValue;

    public static List<T> Sort<T>(IEnumerable<T> items, Func<T, string> module) =>
        items.OrderBy(i => Of(module(i))).ThenBy(module, StringComparer.Ordinal).ToList();
}
