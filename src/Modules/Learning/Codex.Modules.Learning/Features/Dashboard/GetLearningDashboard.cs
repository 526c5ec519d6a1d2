using Codex.Modules.Learning.Domain;
using Codex.Modules.Learning.Persistence;
using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Contracts;
using Codex.Shared.Mediation;
using Codex.Shared.Privacy;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Learning.Features.Dashboard;

/// <param name="People">Null, like every figure of the row, when withheld: the group is smaller than the minimum
/// group size, or it could be worked out from the other rows of its path (co-determination, <see cref="DisclosureControl"/>).</param>
public sealed record LearningAggregate(string Group, int? People, int? Completed, int? Overdue, int? CompletedPercent)
{
    public bool Suppressed => People is null;
}

public sealed record PathAggregates(Guid PathId, string PathTitle, LearningAggregate Total, IReadOnlyList<LearningAggregate> ByRole, IReadOnlyList<LearningAggregate> ByDepartment);

public sealed record LearningDashboard(int MinimumGroupSize, IReadOnlyList<PathAggregates> Paths);

/// <summary>HR's view: completion per path, role and department, as aggregates only.</summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record GetLearningDashboardQuery : IRequest<LearningDashboard>;

internal sealed class GetLearningDashboardQueryHandler(LearningDbContext db, IMediator mediator, TimeProvider clock)
    : IRequestHandler<GetLearningDashboardQuery, LearningDashboard>
{
    public async Task<LearningDashboard> Handle(GetLearningDashboardQuery query, CancellationToken cancellationToken)
    {
        var minimum = Math.Max(1, (await mediator.Send(new GetPrivacyRulesQuery(), cancellationToken)).MinimumGroupSize);
        var now = clock.GetUtcNow();
        // The current cycle per person and path; archived enrolments do not count.
        var rows = (await db.Enrolments.AsNoTracking()
                .Where(e => e.State != EnrolmentState.Archived)
                .Select(e => new { e.PersonId, e.PathId, e.Cycle, e.State, e.DueOn })
                .ToListAsync(cancellationToken))
            .GroupBy(e => (e.PersonId, e.PathId)).Select(g => g.MaxBy(e => e.Cycle)!)
            .Select(e => new Row(e.PersonId, e.PathId, e.State == EnrolmentState.Completed, e.State == EnrolmentState.Active && Enrolment.IsOverdue(e.DueOn, now)))
            .ToList();
        var paths = await db.Paths.AsNoTracking().OrderBy(p => p.Title).Select(p => new { p.Id, p.Title }).ToListAsync(cancellationToken);
        var assignments = await db.Assignments.AsNoTracking().Select(a => new { a.PathId, a.RoleId, a.RoleName }).ToListAsync(cancellationToken);
        var holders = (await db.RoleHolders.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(h => h.RoleId, h => h.PersonId);
        var departments = await DepartmentsByPersonAsync(cancellationToken);

        var groups = new List<(Guid PathId, string Title, Group Total, List<Group> ByRole, List<Group> ByDepartment)>();
        foreach (var path in paths)
        {
            var enrolled = rows.Where(r => r.PathId == path.Id).ToList();
            var byRole = assignments.Where(a => a.PathId == path.Id).OrderBy(a => a.RoleName, StringComparer.CurrentCulture)
                .Select(a =>
                {
                    var people = holders[a.RoleId].ToHashSet();
                    return new Group(new Figure(path.Id, "role", a.RoleId.ToString()), a.RoleName, enrolled.Where(r => people.Contains(r.PersonId)).ToList());
                }).ToList();
            var byDepartment = enrolled
                .SelectMany(r => departments[r.PersonId].Select(d => (Department: d, Row: r)))
                .GroupBy(x => x.Department)
                .OrderBy(g => g.Key, StringComparer.CurrentCulture)
                .Select(g => new Group(new Figure(path.Id, "department", g.Key), g.Key, g.Select(x => x.Row).DistinctBy(x => x.PersonId).ToList()))
                .ToList();
            groups.Add((path.Id, path.Title, new Group(new Figure(path.Id, "total", ""), path.Title, enrolled), byRole, byDepartment));
        }

        // The total of a path is shown with its roles and its departments: each could be set against the other rows.
        var withheld = DisclosureControl.Withheld(
            groups.SelectMany(g => g.ByRole.Concat(g.ByDepartment).Append(g.Total)).DistinctBy(g => g.Figure).ToDictionary(g => g.Figure, g => g.Rows.Count),
            [.. groups.SelectMany(g => new[]
            {
                new DisclosureRelation<Figure>(g.Total.Figure, [.. g.ByRole.Select(r => r.Figure).Order()]),
                new DisclosureRelation<Figure>(g.Total.Figure, [.. g.ByDepartment.Select(d => d.Figure).Order()]),
            })],
            minimum);
        var result = groups.Select(g => new PathAggregates(
            g.PathId, g.Title, Aggregate(g.Total, withheld), [.. g.ByRole.Select(r => Aggregate(r, withheld))], [.. g.ByDepartment.Select(d => Aggregate(d, withheld))])).ToList();
        return new LearningDashboard(minimum, result);
    }

    private static LearningAggregate Aggregate(Group group, IReadOnlySet<Figure> withheld)
    {
        if (withheld.Contains(group.Figure))
        {
            return new LearningAggregate(group.Name, null, null, null, null);
        }

        var rows = group.Rows;
        var completed = rows.Count(r => r.Completed);
        var percent = rows.Count == 0 ? 0 : (int)Math.Round(100.0 * completed / rows.Count);
        return new LearningAggregate(group.Name, rows.Count, completed, rows.Count(r => r.Overdue), percent);
    }

    /// <summary>Each person's departments (the department-level ancestor of each unit they belong to).</summary>
    private async Task<ILookup<Guid, string>> DepartmentsByPersonAsync(CancellationToken ct)
    {
        var tree = new OrgUnitTree(await mediator.Send(new GetOrgUnitsQuery(), ct));
        string? DepartmentOf(Guid unitId) => tree.NearestOfKind(unitId, OrgUnitLevel.Department)?.Name;

        var members = await db.UnitMembers.AsNoTracking().Select(m => new { m.PersonId, m.UnitId }).ToListAsync(ct);
        return members.Select(m => (m.PersonId, Department: DepartmentOf(m.UnitId))).Where(m => m.Department is not null).Distinct()
            .ToLookup(m => m.PersonId, m => m.Department!);
    }

    private sealed record Row(Guid PersonId, Guid PathId, bool Completed, bool Overdue);

    /// <summary>A row of the dashboard, named for the disclosure decision: (path, kind, role id or department name).</summary>
    private readonly record struct Figure(Guid PathId, string Kind, string Group) : IComparable<Figure>
    {
        public int CompareTo(Figure other) => string.CompareOrdinal(Group, other.Group);
    }

    private sealed record Group(Figure Figure, string Name, List<Row> Rows);
}

internal static class DashboardEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/learning/dashboard", async (IMediator m, CancellationToken ct) => Results.Ok(await m.Send(new GetLearningDashboardQuery(), ct)))
            .WithName("getLearningDashboard")
            .WithSummary("Get completion per path, role and department, as aggregates only");
}
