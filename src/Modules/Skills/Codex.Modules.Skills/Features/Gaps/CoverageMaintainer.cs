using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Outbox;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Codex.Modules.Skills.Features.Gaps;

/// <summary>
/// Keeps <see cref="UnitCoverage"/> right: around a save it counts what the affected people contributed
/// before and after, and applies the difference; or it recounts everything (<see cref="RebuildAsync"/>).
/// Counting one person walks their units up to the organisation, so each unit row covers its subtree.
/// </summary>
internal sealed class CoverageMaintainer(SkillsDbContext db, OrgUnitTree tree)
{
    private readonly record struct Key(Guid UnitId, Guid ToolId);

    private sealed class Count
    {
        public int Holders;
        public int Meeting;
    }

    /// <summary>Runs <paramref name="save"/> and the coverage update in one transaction.</summary>
    public async Task<int> SaveAsync(CoverageChange change, Func<Task<int>> save, CancellationToken cancellationToken)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await LockAsync(cancellationToken);
            var people = change.People.ToHashSet();
            if (change.Roles.Count > 0)
            {
                // Holders before the save; whoever gains or loses a role in it is among People already.
                var roles = change.Roles.ToList();
                people.UnionWith(await db.RoleAssignments.Where(a => EF.Parameter(roles).Contains(a.RoleId)).Select(a => a.PersonId).ToListAsync(cancellationToken));
            }

            var personIds = people.ToList();
            var tools = change.Tools?.ToList();
            var before = await CountAsync(personIds, tools, cancellationToken);
            var written = await save();
            var after = await CountAsync(personIds, tools, cancellationToken);
            await ApplyDifferenceAsync(before, after, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
                db.SignalOutboxIfWritten();
            }

            return written;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>Recounts every unit and tool from the roles, requirements, levels and memberships.</summary>
    public async Task<int> RebuildAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(cancellationToken);
        await db.UnitCoverage.ExecuteDeleteAsync(cancellationToken);
        var counts = await CountAsync(null, null, cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            db.UnitCoverage.AddRange(counts.Select(c => new UnitCoverage(c.Key.UnitId, c.Key.ToolId) { Holders = c.Value.Holders, Meeting = c.Value.Meeting }));
            var state = await db.CoverageStates.SingleAsync(cancellationToken);
            state.RebuiltAt = now;
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            db.ChangeTracker.Clear();
        }

        await transaction.CommitAsync(cancellationToken);
        return counts.Count;
    }

    private Task LockAsync(CancellationToken cancellationToken) =>
        db.CoverageStates.Where(s => s.Id == CoverageState.SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Generation, x => x.Generation + 1), cancellationToken);

    /// <summary>
    /// Per (unit, tool): the people (all, or <paramref name="people"/>) whose roles require the tool and
    /// those meeting it, each person counted once in each unit whose subtree they belong to.
    /// </summary>
    private async Task<Dictionary<Key, Count>> CountAsync(List<Guid>? people, List<Guid>? tools, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<Key, Count>();
        if (people is { Count: 0 })
        {
            return counts;
        }

        var members = db.UnitMembers.AsNoTracking();
        var assignments = db.RoleAssignments.AsNoTracking();
        var requirements = db.Requirements.AsNoTracking();
        if (people is not null)
        {
            members = members.Where(m => EF.Parameter(people).Contains(m.PersonId));
            assignments = assignments.Where(a => EF.Parameter(people).Contains(a.PersonId));
        }

        if (tools is not null)
        {
            requirements = requirements.Where(r => EF.Parameter(tools).Contains(r.ToolId));
        }

        var unitsOf = (await members.Select(m => new { m.PersonId, m.UnitId }).ToListAsync(cancellationToken))
            .ToLookup(m => m.PersonId, m => m.UnitId);
        var scopes = new Dictionary<Guid, IReadOnlyList<Guid>>();

        var required =
            from a in assignments
            join r in requirements on a.RoleId equals r.RoleId
            group r.Level by new { a.PersonId, r.ToolId } into g
            select new { g.Key.PersonId, g.Key.ToolId, Level = g.Max() };
        var statuses =
            from q in required
            join p in db.Proficiencies.AsNoTracking() on new { q.PersonId, q.ToolId } equals new { p.PersonId, p.ToolId } into ps
            from p in ps.DefaultIfEmpty()
            select new { q.PersonId, q.ToolId, Met = p != null && p.Level >= q.Level };

        await foreach (var status in statuses.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!scopes.TryGetValue(status.PersonId, out var scope))
            {
                scope = ScopeOf(tree, unitsOf[status.PersonId]);
                scopes.Add(status.PersonId, scope);
            }

            foreach (var unitId in scope)
            {
                var key = new Key(unitId, status.ToolId);
                if (!counts.TryGetValue(key, out var count))
                {
                    count = new Count();
                    counts.Add(key, count);
                }

                count.Holders++;
                count.Meeting += status.Met ? 1 : 0;
            }
        }

        return counts;
    }

    private async Task ApplyDifferenceAsync(Dictionary<Key, Count> before, Dictionary<Key, Count> after, CancellationToken cancellationToken)
    {
        var differences = before.Keys.Union(after.Keys)
            .Select(key =>
            {
                var old = before.GetValueOrDefault(key);
                var now = after.GetValueOrDefault(key);
                return (Key: key, Holders: (now?.Holders ?? 0) - (old?.Holders ?? 0), Meeting: (now?.Meeting ?? 0) - (old?.Meeting ?? 0));
            })
            .Where(d => d.Holders != 0 || d.Meeting != 0)
            .ToList();
        if (differences.Count == 0)
        {
            return;
        }

        var unitIds = differences.Select(d => d.Key.UnitId).Distinct().ToList();
        var toolIds = differences.Select(d => d.Key.ToolId).Distinct().ToList();
        var rows = await db.UnitCoverage
            .Where(c => EF.Parameter(unitIds).Contains(c.UnitId) && EF.Parameter(toolIds).Contains(c.ToolId))
            .ToDictionaryAsync(c => new Key(c.UnitId, c.ToolId), cancellationToken);
        foreach (var (key, holders, meeting) in differences)
        {
            if (!rows.TryGetValue(key, out var row))
            {
                row = new UnitCoverage(key.UnitId, key.ToolId);
                db.UnitCoverage.Add(row);
            }

            row.Holders += holders;
            row.Meeting += meeting;
            if (row.Holders <= 0)
            {
                db.UnitCoverage.Remove(row);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The units and all their ancestors, each once: where a member of these units counts.</summary>
    internal static IReadOnlyList<Guid> ScopeOf(OrgUnitTree tree, IEnumerable<Guid> unitIds)
    {
        var result = new List<Guid>();
        var seen = new HashSet<Guid>();
        foreach (var unitId in unitIds)
        {
            if (!tree.Contains(unitId))
            {
                // A unit the tree does not know (yet) still counts for itself.
                if (seen.Add(unitId))
                {
                    result.Add(unitId);
                }

                continue;
            }

            foreach (var unit in tree.SelfAndAncestors(unitId))
            {
                if (seen.Add(unit.Id))
                {
                    result.Add(unit.Id);
                }
            }
        }

        return result;
    }
}
