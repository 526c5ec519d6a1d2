using Codex.Shared.Domain;

namespace Codex.Modules.Organization.Domain;

public enum OrgUnitKind
{
    Organisation,
    Department,
    Team,
}

/// <summary>
/// A node of the organisation tree: the organisation, its departments, their teams. People
/// belong to units through memberships; a unit can have several leads.
/// </summary>
public sealed class OrgUnit : AggregateRoot
{
    public const int NameMaxLength = 120;

    private readonly List<Membership> _memberships = [];

    private OrgUnit()
    {
    }

    public string Name { get; private set; } = "";

    public OrgUnitKind Kind { get; private set; }

    public Guid? ParentId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<Membership> Memberships => _memberships;

    public static OrgUnit Create(Guid id, string name, OrgUnitKind kind, OrgUnit? parent, DateTimeOffset now)
    {
        EnsureParentFits(kind, parent);
        return new OrgUnit { Id = id, Name = name.Trim(), Kind = kind, ParentId = parent?.Id, CreatedAt = now };
    }

    public void Rename(string name) => Name = name.Trim();

    /// <summary>Teams move between departments, departments between organisations; never elsewhere.</summary>
    public void MoveTo(OrgUnit newParent, DateTimeOffset now)
    {
        if (newParent.Id == Id)
        {
            throw new DomainException("Org.MoveIntoItself", "A unit cannot be moved into itself.");
        }

        EnsureParentFits(Kind, newParent);
        if (ParentId == newParent.Id)
        {
            return;
        }

        ParentId = newParent.Id;
        Raise(new OrgUnitMoved(Id, newParent.Id, now));
    }

    public Membership AddMember(Guid personId, bool isLead, DateTimeOffset now)
    {
        if (_memberships.Any(m => m.PersonId == personId))
        {
            throw new DomainException("Org.AlreadyMember", "The person is already a member of this unit.");
        }

        var membership = new Membership(Id, personId, isLead, now);
        _memberships.Add(membership);
        Raise(new MembershipChanged(Id, personId, Contracts.MembershipChange.Joined, isLead, now));
        return membership;
    }

    public void RemoveMember(Guid personId, DateTimeOffset now)
    {
        var membership = FindMembership(personId);
        _memberships.Remove(membership);
        Raise(new MembershipChanged(Id, personId, Contracts.MembershipChange.Left, false, now));
    }

    public void SetLead(Guid personId, bool isLead, DateTimeOffset now)
    {
        var membership = FindMembership(personId);
        if (membership.IsLead == isLead)
        {
            return;
        }

        membership.IsLead = isLead;
        Raise(new MembershipChanged(Id, personId, Contracts.MembershipChange.LeadChanged, isLead, now));
    }

    private Membership FindMembership(Guid personId) =>
        _memberships.FirstOrDefault(m => m.PersonId == personId)
        ?? throw new DomainException("Org.NotAMember", "The person is not a member of this unit.");

    private static void EnsureParentFits(OrgUnitKind kind, OrgUnit? parent)
    {
        var expected = kind switch
        {
            OrgUnitKind.Organisation => (OrgUnitKind?)null,
            OrgUnitKind.Department => OrgUnitKind.Organisation,
            _ => OrgUnitKind.Department,
        };

        if (parent?.Kind != expected)
        {
            throw kind switch
            {
                OrgUnitKind.Organisation => new DomainException("Org.OrganisationHasNoParent", "An organisation is the top of the tree and has no parent."),
                OrgUnitKind.Department => new DomainException("Org.DepartmentNeedsOrganisation", "A department belongs directly to an organisation."),
                _ => new DomainException("Org.TeamNeedsDepartment", "A team belongs directly to a department."),
            };
        }
    }
}

public sealed class Membership
{
    internal Membership(Guid orgUnitId, Guid personId, bool isLead, DateTimeOffset since)
    {
        OrgUnitId = orgUnitId;
        PersonId = personId;
        IsLead = isLead;
        Since = since;
    }

    public Guid OrgUnitId { get; private set; }

    public Guid PersonId { get; private set; }

    public bool IsLead { get; internal set; }

    public DateTimeOffset Since { get; private set; }
}

public sealed record MembershipChanged(
    Guid OrgUnitId, Guid PersonId, Contracts.MembershipChange Change, bool IsLead, DateTimeOffset At) : IDomainEvent;

public sealed record OrgUnitMoved(Guid OrgUnitId, Guid NewParentId, DateTimeOffset At) : IDomainEvent;
