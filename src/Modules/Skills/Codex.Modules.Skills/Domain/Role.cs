using Codex.Shared.Domain;

namespace Codex.Modules.Skills.Domain;

/// <summary>A job role (Pflegefachkraft, Verwaltung …), not an app permission.</summary>
public sealed class Role : AggregateRoot
{
    public const int NameMaxLength = 120;
    public const int DescriptionMaxLength = 500;

    private Role()
    {
    }

    public string Name { get; private set; } = "";

    public string Description { get; private set; } = "";

    public static Role Create(Guid id, string name, string? description)
    {
        var role = new Role { Id = id };
        role.Update(name, description);
        return role;
    }

    public void Update(string name, string? description)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("Skills.RoleNameRequired", "A role needs a name.");
        }

        Name = name.Trim();
        Description = description?.Trim() ?? "";
    }

    /// <summary>Only a role nobody holds can go: holders' roles are taken away one by one, with their own events.</summary>
    public void Delete(int holders, DateTimeOffset now)
    {
        if (holders > 0)
        {
            throw new DomainException("Skills.RoleStillHeld", $"The role is still held by {holders} people; take it away from them first.");
        }

        Raise(new RoleDeleted(Id, now));
    }
}

/// <summary>The roles a person holds (a person can hold several); assignments leave through the outbox.</summary>
public sealed class PersonRoles : AggregateRoot
{
    private readonly List<RoleAssignment> _assignments = [];

    private PersonRoles()
    {
    }

    public Guid PersonId => Id;

    public IReadOnlyList<RoleAssignment> Assignments => _assignments;

    public static PersonRoles For(Guid personId) => new() { Id = personId };

    public void Assign(Role role, DateTimeOffset now)
    {
        if (_assignments.Any(a => a.RoleId == role.Id))
        {
            throw new DomainException("Skills.RoleAlreadyAssigned", "The person already holds this role.");
        }

        _assignments.Add(new RoleAssignment(Id, role.Id, now));
        Raise(new RoleAssigned(Id, role.Id, role.Name, now));
    }

    public void Unassign(Guid roleId, DateTimeOffset now)
    {
        var assignment = _assignments.FirstOrDefault(a => a.RoleId == roleId)
            ?? throw new DomainException("Skills.RoleNotAssigned", "The person does not hold this role.");
        _assignments.Remove(assignment);
        Raise(new RoleUnassigned(Id, roleId, now));
    }

    /// <summary>When the person leaves the organisation, every role ends.</summary>
    public void UnassignAll(DateTimeOffset now)
    {
        foreach (var roleId in _assignments.Select(a => a.RoleId).ToList())
        {
            Unassign(roleId, now);
        }
    }
}

public sealed class RoleAssignment(Guid personId, Guid roleId, DateTimeOffset assignedAt)
{
    public Guid PersonId { get; private set; } = personId;

    public Guid RoleId { get; private set; } = roleId;

    public DateTimeOffset AssignedAt { get; private set; } = assignedAt;
}

public sealed record RoleAssigned(Guid PersonId, Guid RoleId, string RoleName, DateTimeOffset At) : IDomainEvent;

public sealed record RoleUnassigned(Guid PersonId, Guid RoleId, DateTimeOffset At) : IDomainEvent;

public sealed record RoleDeleted(Guid RoleId, DateTimeOffset At) : IDomainEvent;
