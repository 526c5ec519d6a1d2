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
    private readonly List<SuspendedRole> _suspended = [];

    private PersonRoles()
    {
    }

    public Guid PersonId => Id;

    public IReadOnlyList<RoleAssignment> Assignments => _assignments;

    /// <summary>The roles held when the person left, given back when they return.</summary>
    public IReadOnlyList<SuspendedRole> Suspended => _suspended;

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

    /// <summary>
    /// The person left the organisation: every role ends (RoleUnassigned for each, so they count nowhere
    /// and Learning archives their enrolments with the progress), and is remembered for a return.
    /// A second call changes nothing.
    /// </summary>
    public void Leave(DateTimeOffset now)
    {
        foreach (var assignment in _assignments.ToList())
        {
            if (_suspended.All(s => s.RoleId != assignment.RoleId))
            {
                _suspended.Add(new SuspendedRole(Id, assignment.RoleId, assignment.AssignedAt, now));
            }

            Unassign(assignment.RoleId, now);
        }
    }

    /// <summary>
    /// The person came back: the roles they held when they left are theirs again (with the date they
    /// first got them), except roles deleted in the meantime (<paramref name="existingRoles"/> lacks them).
    /// A second call changes nothing.
    /// </summary>
    public void Return(IReadOnlyCollection<Role> existingRoles, DateTimeOffset now)
    {
        foreach (var suspended in _suspended.ToList())
        {
            var role = existingRoles.FirstOrDefault(r => r.Id == suspended.RoleId);
            if (role is not null && _assignments.All(a => a.RoleId != role.Id))
            {
                _assignments.Add(new RoleAssignment(Id, role.Id, suspended.AssignedAt));
                Raise(new RoleAssigned(Id, role.Id, role.Name, now));
            }

            _suspended.Remove(suspended);
        }
    }
}

/// <summary>A role the person held when they left the organisation.</summary>
public sealed class SuspendedRole(Guid personId, Guid roleId, DateTimeOffset assignedAt, DateTimeOffset suspendedAt)
{
    public Guid PersonId { get; private set; } = personId;

    public Guid RoleId { get; private set; } = roleId;

    public DateTimeOffset AssignedAt { get; private set; } = assignedAt;

    public DateTimeOffset SuspendedAt { get; private set; } = suspendedAt;
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
