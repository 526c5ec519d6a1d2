using Codex.Shared.Domain;

namespace Codex.Modules.Organization.Domain;

/// <summary>
/// A person's place in one unit, and whether they lead it. Its own small aggregate with its own
/// version, identified by unit and person (a unique key, not the inherited <see cref="AggregateRoot.Id"/>,
/// which memberships do not use): joining, leaving and lead changes touch only this row, so people
/// added to one team at the same moment never conflict, while two changes of the same membership still do.
/// </summary>
public sealed class Membership : AggregateRoot
{
    private Membership()
    {
    }

    public Guid OrgUnitId { get; private set; }

    public Guid PersonId { get; private set; }

    public bool IsLead { get; private set; }

    public DateTimeOffset Since { get; private set; }

    /// <summary>
    /// The person joins the unit. <paramref name="current"/> is their membership of that unit, if
    /// they have one: a person is a member of a unit only once.
    /// </summary>
    public static Membership Join(Guid orgUnitId, Guid personId, bool isLead, Membership? current, DateTimeOffset now)
    {
        if (current is not null)
        {
            throw AlreadyMember();
        }

        var membership = new Membership { OrgUnitId = orgUnitId, PersonId = personId, IsLead = isLead, Since = now };
        membership.Raise(new MembershipChanged(orgUnitId, personId, Contracts.MembershipChange.Joined, isLead, now));
        return membership;
    }

    /// <summary>
    /// The person is already a member: a conflict with the state of the unit (409), not a bad request —
    /// also when a concurrent request added them a moment earlier and the unique key refused the second row.
    /// </summary>
    public static DomainException AlreadyMember() =>
        new("Org.AlreadyMember", "The person is already a member of this unit.") { IsConflict = true };

    /// <summary>The refusal for a change of a membership that does not exist.</summary>
    public static DomainException NotAMember() =>
        new("Org.NotAMember", "The person is not a member of this unit.");

    /// <summary>The person leaves the unit; the caller removes the membership from its store.</summary>
    public void Leave(DateTimeOffset now) =>
        Raise(new MembershipChanged(OrgUnitId, PersonId, Contracts.MembershipChange.Left, false, now));

    /// <summary>Makes the person a lead of the unit or not; a unit can have several leads. No change, no event.</summary>
    public void SetLead(bool isLead, DateTimeOffset now)
    {
        if (IsLead == isLead)
        {
            return;
        }

        IsLead = isLead;
        Raise(new MembershipChanged(OrgUnitId, PersonId, Contracts.MembershipChange.LeadChanged, isLead, now));
    }
}

public sealed record MembershipChanged(
    Guid OrgUnitId, Guid PersonId, Contracts.MembershipChange Change, bool IsLead, DateTimeOffset At) : IDomainEvent;
