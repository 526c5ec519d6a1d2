using Microsoft.Extensions.Localization;

namespace Codex.Host.Audit;

/// <summary>How the page and the export word an entry: its module and action from the Host's resources.</summary>
internal static class AuditTexts
{
    public static string Module(IStringLocalizer<SharedTexts> texts, string module) => Or(texts[$"Audit.Module.{module}"], module);

    /// <summary>"Mitgliedschaft hinzugefügt"; account entries are worded like the accounts page ("Rolle HR vergeben").</summary>
    public static string Action(IStringLocalizer<SharedTexts> texts, AuditTrailRow row)
    {
        if (row.Action.StartsWith(HostAuditTrail.AccountActionPrefix, StringComparison.Ordinal))
        {
            var role = row.Detail is { } detail ? texts[$"Role.{detail}"].Value : "";
            return Or(texts[$"Accounts.Action.{row.Action[HostAuditTrail.AccountActionPrefix.Length..]}", role], row.Action);
        }

        return Or(texts[$"Audit.Action.{row.Action}"], row.Action);
    }

    /// <summary>The actor as shown: a forgotten (erased) actor as "ehemalige:r Mitarbeiter:in", the system as "System".</summary>
    public static string Actor(IStringLocalizer<SharedTexts> texts, AuditTrailRow row) => row.ActorName switch
    {
        Shared.Audit.AuditRecord.ForgottenActor => texts["Audit.FormerEmployee"],
        Shared.Audit.AuditRecord.SystemActor when row.ActorPersonId is null => texts["Audit.System"],
        var name => name,
    };

    /// <summary>The person the entry is about: their name, or "ehemalige:r Mitarbeiter:in" once erased; empty for none.</summary>
    public static string Person(IStringLocalizer<SharedTexts> texts, AuditTrailRow row) =>
        row.SubjectPersonId is null ? "" : row.SubjectName ?? texts["Audit.FormerEmployee"];

    private static string Or(LocalizedString text, string fallback) => text.ResourceNotFound ? fallback : text.Value;
}
