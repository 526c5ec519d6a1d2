namespace Codex.Modules.TeamCodex.Domain;

/// <summary>
/// TeamCodex's own copy of who belongs to an org unit (kept from Organization's
/// MembershipChanged events): participants of review rounds and editors of the draft.
/// </summary>
public sealed class UnitMember(Guid orgUnitId, Guid personId, bool isLead, DateTimeOffset since)
{
    public Guid OrgUnitId { get; private set; } = orgUnitId;

    public Guid PersonId { get; private set; } = personId;

    public bool IsLead { get; set; } = isLead;

    public DateTimeOffset Since { get; private set; } = since;
}
