using System.Globalization;
using Codex.Modules.Skills.Domain;

namespace Codex.Modules.Skills.Features.Transfer;

internal static class TransferColumns
{
    public static readonly string[] Tools = ["Name", "Category", "Description", "GuideUrl", "Lifecycle", "Competences"];
    public static readonly string[] Roles = ["Name", "Description"];
    public const string MatrixRole = "Role";
    public static readonly string[] Assignments = ["PersonId", "Person", "Role"];

    /// <summary>Matrix cells: a level 1–4, followed by "*" when mandatory; empty means not required.</summary>
    public static string Cell(Requirement? r) => r is null ? "" : r.Level.ToString(CultureInfo.InvariantCulture) + (r.Mandatory ? "*" : "");
}
