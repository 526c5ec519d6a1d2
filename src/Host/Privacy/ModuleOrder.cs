namespace Codex.Host.Privacy;

/// <summary>The order in which pages about a person's data list the modules.</summary>
internal static class ModuleOrder
{
    /// <summary>Who the person is first, then their account, then what they do in Codex.</summary>
    private static readonly string[] Order = ["Organization", "Identity", "Skills", "Learning", "TeamCodex", "Notifications"];

    public static IReadOnlyList<string> ForReaders => Order;

    /// <summary>A module's place in <see cref="ForReaders"/>; modules not listed come last.</summary>
    public static int Of(string module) => Array.IndexOf(Order, module) is var i and >= 0 ? i : int.MaxValue;
}
