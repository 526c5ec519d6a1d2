using Codex.Modules.Organization.Contracts;
using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Errors;
using Codex.Shared.Security;
using MediatR;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features;

/// <summary>Where a unit sits in the organisation: its name, level and the units above it (nearest first).</summary>
public sealed record CodexUnit(OrgUnitSummary Unit, IReadOnlyList<OrgUnitSummary> Ancestors)
{
    public bool IsTeam => Unit.Level == OrgUnitLevel.Team;
}

/// <summary>What the signed-in person may do with one unit's codex.</summary>
public sealed record CodexPermissions(bool IsMember, bool IsLead, bool IsAdmin)
{
    /// <summary>Members edit the draft, propose and comment; admins may help out anywhere.</summary>
    public bool CanEdit => IsMember || IsAdmin;

    /// <summary>Leads open and close rounds, publish, change settings and edit binding sections.</summary>
    public bool CanLead => IsLead || IsAdmin;
}

/// <summary>
/// The one place that answers "which unit is this" and "who may do what" for codex features,
/// from Organization's unit tree and TeamCodex's own member list. Lead rights come from Organization's lead
/// flags (asked once per request): a unit's lead leads its codex and the codices of every unit below it.
/// </summary>
internal sealed class CodexAccess(TeamCodexDbContext db, IMediator mediator, ICurrentUser currentUser, IStringLocalizer<TeamCodexTexts> texts)
{
    private IReadOnlyList<OrgUnitSummary>? _units;
    private HashSet<Guid>? _ledUnits;

    public Guid PersonId => currentUser.PersonId ?? throw new ForbiddenException();

    public async Task<IReadOnlyList<OrgUnitSummary>> UnitsAsync(CancellationToken ct) =>
        _units ??= await mediator.Send(new GetOrgUnitsQuery(), ct);

    public async Task<CodexUnit> UnitAsync(Guid unitId, CancellationToken ct)
    {
        var tree = new OrgUnitTree(await UnitsAsync(ct));
        if (tree.Find(unitId) is not { } unit)
        {
            throw new NotFoundException("OrgUnit", unitId);
        }

        var ancestors = tree.Ancestors(unitId);
        return new CodexUnit(unit, ancestors);
    }

    public async Task<CodexPermissions> PermissionsAsync(Guid unitId, CancellationToken ct)
    {
        var isAdmin = currentUser.IsInRole(CodexRoles.Admin);
        if (currentUser.PersonId is not { } personId)
        {
            return new CodexPermissions(false, false, isAdmin);
        }

        var isMember = await db.UnitMembers.AsNoTracking().AnyAsync(m => m.OrgUnitId == unitId && m.PersonId == personId, ct);
        _ledUnits ??= [.. await mediator.Send(new GetLedUnitsQuery(personId), ct)];
        return new CodexPermissions(isMember, _ledUnits.Contains(unitId), isAdmin);
    }

    public async Task<CodexPermissions> RequireEditAsync(Guid unitId, CancellationToken ct)
    {
        var permissions = await PermissionsAsync(unitId, ct);
        return permissions.CanEdit ? permissions : throw new ForbiddenException();
    }

    public async Task<CodexPermissions> RequireLeadAsync(Guid unitId, CancellationToken ct)
    {
        var permissions = await PermissionsAsync(unitId, ct);
        return permissions.CanLead ? permissions : throw new ForbiddenException();
    }

    public async Task<UnitCodex> CodexOfUnitAsync(Guid unitId, CancellationToken ct) =>
        await db.Codices.FirstOrDefaultAsync(c => c.OrgUnitId == unitId, ct)
        ?? throw new NotFoundException("Codex", unitId);

    /// <summary>
    /// Display names of people (authors, responders), one for every id: an id Organization does not know
    /// is an erased person's anonymous id (or of a person erased since), shown as "ehemalige:r Mitarbeiter:in".
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IEnumerable<Guid> personIds, CancellationToken ct)
    {
        var ids = personIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, string>();
        }

        var contacts = (await mediator.Send(new GetPeopleContactsQuery(ids), ct)).ToDictionary(c => c.PersonId, c => c.DisplayName);
        return ids.ToDictionary(id => id, id => contacts.GetValueOrDefault(id) ?? texts["Codex.FormerEmployee"].Value);
    }
}
