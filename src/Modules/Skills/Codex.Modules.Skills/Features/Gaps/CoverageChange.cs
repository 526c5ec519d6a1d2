using Codex.Modules.Skills.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Codex.Modules.Skills.Features.Gaps;

/// <summary>What a save changes that coverage depends on.</summary>
/// <param name="People">People whose roles, levels or memberships change.</param>
/// <param name="Roles">Roles whose requirements change: all their holders are affected.</param>
/// <param name="Tools">The only tools affected, or null for all (a role or membership moves every tool).</param>
internal sealed record CoverageChange(IReadOnlySet<Guid> People, IReadOnlySet<Guid> Roles, IReadOnlySet<Guid>? Tools)
{
    public static CoverageChange? Collect(ChangeTracker tracker)
    {
        var people = new HashSet<Guid>();
        var roles = new HashSet<Guid>();
        var tools = new HashSet<Guid>();
        var allTools = false;
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Deleted or EntityState.Modified))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case RoleAssignment a:
                    people.Add(a.PersonId);
                    allTools = true;
                    break;
                case UnitMember m when entry.State != EntityState.Modified:
                    // Only joining or leaving counts; a lead flag does not change coverage.
                    people.Add(m.PersonId);
                    allTools = true;
                    break;
                case Proficiency p when entry.State != EntityState.Modified || entry.Property(nameof(Proficiency.Level)).IsModified:
                    people.Add(p.PersonId);
                    tools.Add(p.ToolId);
                    break;
                case Requirement r when entry.State != EntityState.Modified || entry.Property(nameof(Requirement.Level)).IsModified:
                    roles.Add(r.RoleId);
                    tools.Add(r.ToolId);
                    break;
            }
        }

        return people.Count == 0 && roles.Count == 0 ? null : new CoverageChange(people, roles, allTools ? null : tools);
    }
}
