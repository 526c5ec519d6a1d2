using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Features.Common;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using Codex.Shared.Tables;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

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
