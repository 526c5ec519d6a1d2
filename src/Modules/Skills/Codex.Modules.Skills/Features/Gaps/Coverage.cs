using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Outbox;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Codex.Modules.Skills.Features.Gaps;

/// <summary>
/// The heatmap's pre-aggregated numbers: for a unit and a tool, how many people of the unit's whole
/// subtree (each counted once) hold a role requiring the tool, and how many of them meet the highest
/// level their roles require. Maintained on every change that can move them, so reading the heatmap
/// reads a few rows instead of counting 50,000 people.
/// </summary>
internal sealed class UnitCoverage(Guid unitId, Guid toolId)
{
    public Guid UnitId { get; private set; } = unitId;

    public Guid ToolId { get; private set; } = toolId;

    public int Holders { get; set; }

    public int Meeting { get; set; }
}

/// <summary>
/// One row: updating it first is the lock that makes coverage maintenance run one at a time
/// (a delta read and applied by two transactions at once would count twice), on every provider.
/// </summary>
internal sealed class CoverageState
{
    public const int SingletonId = 1;

    public int Id { get; private set; } = SingletonId;

    public long Generation { get; private set; }

    /// <summary>Null until the first full rebuild: a database filled before coverage existed needs one.</summary>
    public DateTimeOffset? RebuiltAt { get; set; }
}

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

/// <summary>
/// Keeps <see cref="UnitCoverage"/> right: around a save it counts what the affected people contributed
/// before and after, and applies the difference; or it recounts everything (<see cref="RebuildAsync"/>).
/// Counting one person walks their units up to the organisation, so each unit row covers its subtree.
/// </summary>
internal sealed class CoverageMaintainer(SkillsDbContext db, UnitTree tree)
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
                scope = tree.SelfAndAncestors(unitsOf[status.PersonId]);
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
}

/// <summary>Recounts the heatmap's coverage from scratch: nightly as a safety net, and after a unit moved.</summary>
public sealed record RebuildCoverageCommand : IRequest<Unit>
{
    public const string JobName = "skills-rebuild-coverage";
}

internal sealed class RebuildCoverageCommandHandler(SkillsDbContext db, IMediator mediator, TimeProvider clock) : IRequestHandler<RebuildCoverageCommand, Unit>
{
    public async Task<Unit> Handle(RebuildCoverageCommand request, CancellationToken cancellationToken)
    {
        var tree = new UnitTree(await mediator.Send(new GetOrgUnitsQuery(), cancellationToken));
        await new CoverageMaintainer(db, tree).RebuildAsync(clock.GetUtcNow(), cancellationToken);
        return Unit.Value;
    }
}

/// <summary>A moved unit changes which ancestors its people count in: recount (moves are rare).</summary>
internal sealed class OrgUnitMovedListener(SkillsDbContext db, IMediator mediator, TimeProvider clock)
    : InboxListener<OrgUnitMovedIntegrationEvent>(db, clock)
{
    protected override Task ApplyAsync(OrgUnitMovedIntegrationEvent e, CancellationToken cancellationToken) =>
        mediator.Send(new RebuildCoverageCommand(), cancellationToken);
}
