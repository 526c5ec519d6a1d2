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
/// belong to units through <see cref="Membership"/>s, each its own aggregate: adding someone to a
/// unit neither loads nor changes the unit, so adds of different people never conflict. A unit can
/// have several leads.
/// </summary>
public sealed class OrgUnit : AggregateRoot
{
    public const int NameMaxLength = 120;

    private OrgUnit()
    {
    }

    public string Name { get; private set; } = "";

    public OrgUnitKind Kind { get; private set; }

    public Guid? ParentId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

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

public sealed record OrgUnitMoved(Guid OrgUnitId, Guid NewParentId, DateTimeOffset At) : IDomainEvent;
