using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Codex.Shared.Security;

/// <summary>
/// Account roles. There is no lead role: lead rights come from the org chart (Organization's membership lead
/// flag, <c>GetLedUnitsQuery</c>), for the led unit and every unit below it.
/// </summary>
public static class CodexRoles
{
    public const string Admin = "Admin";
    public const string HR = "HR";
    public const string Member = "Member";

    /// <summary>The data protection officer ("Datenschutz"): reads the audit trail and nothing else beyond a member.</summary>
    public const string DataProtection = "DataProtection";

    /// <summary>The roles an administrator grants and revokes on the accounts page.</summary>
    public static readonly IReadOnlyList<string> Granted = [HR, Admin, DataProtection];

    public static readonly IReadOnlyList<string> All = [Admin, HR, Member, DataProtection];
}

public static class CodexClaims
{
    /// <summary>The Person (Organization module) an account belongs to.</summary>
    public const string PersonId = "codex:person";
}

public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    Guid? AccountId { get; }

    Guid? PersonId { get; }

    string? Name { get; }

    bool IsInRole(string role);
}

/// <summary>The signed-in user of the current HTTP request; anonymous in background jobs.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    public bool IsAuthenticated => User?.Identity?.IsAuthenticated == true;

    public Guid? AccountId => ParseGuid(ClaimTypes.NameIdentifier);

    public Guid? PersonId => ParseGuid(CodexClaims.PersonId);

    public string? Name => User?.Identity?.Name;

    public bool IsInRole(string role) => User?.IsInRole(role) == true;

    private Guid? ParseGuid(string claim) =>
        Guid.TryParse(User?.FindFirstValue(claim), out var id) ? id : null;
}
