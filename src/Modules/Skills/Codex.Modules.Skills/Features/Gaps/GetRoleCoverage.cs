using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Features.Common;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Gaps;

/// <summary>Per requirement of a role: how many of its holders meet it (aggregate, withheld below the minimum group size); for admins, HR and leads.</summary>
[RequiresSignIn]
public sealed record GetRoleCoverageQuery(Guid RoleId) : IRequest<RoleCoverage>;

public sealed record RoleCoverage(Guid RoleId, string RoleName, int MinimumGroupSize, IReadOnlyList<RoleCoverageLine> Lines);

public sealed record RoleCoverageLine(Guid ToolId, string ToolName, int RequiredLevel, bool Mandatory, int Holders, int Meeting, bool Suppressed);

internal sealed class GetRoleCoverageQueryHandler(SkillsDbContext db, GapCalculator gaps, SkillsAccess access, CoverageDisclosure disclosure, IMediator mediator)
    : IRequestHandler<GetRoleCoverageQuery, RoleCoverage>
{
    public async Task<RoleCoverage> Handle(GetRoleCoverageQuery query, CancellationToken cancellationToken)
    {
        await access.EnsureHrOrLeadAsync(cancellationToken);
        var role = await db.Roles.AsNoTracking().FirstOrDefaultAsync(r => r.Id == query.RoleId, cancellationToken)
            ?? throw new NotFoundException(nameof(Domain.Role), query.RoleId);
        var rules = await access.RulesAsync(cancellationToken);
        var counts = (await gaps.RoleAsync(role.Id, cancellationToken)).ToDictionary(c => c.ToolId);
        var tree = new OrgUnitTree(await mediator.Send(new GetOrgUnitsQuery(), cancellationToken));
        var withheld = await disclosure.WithheldAsync(tree, rules.MinimumGroupSize, cancellationToken);
        var requirements = await (from r in db.Requirements.AsNoTracking()
                                  where r.RoleId == role.Id
                                  join t in db.Tools.AsNoTracking() on r.ToolId equals t.Id
                                  orderby t.Name
                                  select new { r.ToolId, t.Name, r.Level, r.Mandatory }).ToListAsync(cancellationToken);
        var lines = requirements.Select(r =>
        {
            var c = counts.GetValueOrDefault(r.ToolId);
            var holders = c?.Holders ?? 0;
            var suppressed = withheld.Contains(CoverageFigure.Role(role.Id, r.ToolId));
            return new RoleCoverageLine(r.ToolId, r.Name, r.Level, r.Mandatory, suppressed ? 0 : holders, suppressed ? 0 : c?.Meeting ?? 0, suppressed);
        }).ToList();
        return new RoleCoverage(role.Id, role.Name, rules.MinimumGroupSize, lines);
    }
}

internal static class GetRoleCoverageEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/skills/roles/{roleId:guid}/coverage", async (Guid roleId, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetRoleCoverageQuery(roleId), ct)))
            .WithName("getRoleCoverage")
            .WithSummary("Get how many holders of a role meet each of its requirements");
    }
}
