using Codex.Modules.Organization.Contracts;
using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Shared.Mediation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Codices;

/// <summary>A unit's codex as members read it: the version in force with the binding sections of the units above.</summary>
[RequiresSignIn]
public sealed record GetCodexQuery(Guid UnitId) : IRequest<CodexOverview>;

public sealed record CodexOverview(
    Guid UnitId,
    string UnitName,
    OrgUnitLevel Level,
    Guid? CodexId,
    VersionView? InForce,
    IReadOnlyList<InheritedSections> Inherited,
    int DraftRevision,
    int ReviewCadenceMonths,
    DateOnly? NextReviewOn,
    Guid? OpenRoundId,
    int OpenProposals,
    int? MyAcknowledgedVersion,
    CodexPermissions Permissions)
{
    public bool Exists => CodexId is not null;

    public bool NeedsMyAcknowledgement => InForce is not null && Permissions.IsMember && MyAcknowledgedVersion != InForce.Number;
}

public sealed record VersionView(int Number, IReadOnlyList<CodexSection> Sections, DateTimeOffset PublishedAt, string PublishedBy, string ChangeSummary, string RoundOutcome);

/// <summary>Binding sections of an ancestor unit's version in force: shown read-only below it.</summary>
public sealed record InheritedSections(Guid UnitId, string UnitName, int VersionNumber, IReadOnlyList<CodexSection> Sections);

internal sealed class GetCodexQueryHandler(TeamCodexDbContext db, CodexAccess access) : IRequestHandler<GetCodexQuery, CodexOverview>
{
    public async Task<CodexOverview> Handle(GetCodexQuery query, CancellationToken ct)
    {
        var unit = await access.UnitAsync(query.UnitId, ct);
        var permissions = await access.PermissionsAsync(query.UnitId, ct);
        var inherited = await InheritedAsync(db, unit, ct);
        var codex = await db.Codices.AsNoTracking().FirstOrDefaultAsync(c => c.OrgUnitId == query.UnitId, ct);
        if (codex is null)
        {
            return new CodexOverview(unit.Unit.Id, unit.Unit.Name, unit.Unit.Level, null, null, inherited, 0, 0, null, null, 0, null, permissions);
        }

        VersionView? inForce = null;
        if (codex.VersionInForce is { } number)
        {
            var version = await db.Versions.AsNoTracking().SingleAsync(v => v.CodexId == codex.Id && v.Number == number, ct);
            var names = await access.NamesAsync([version.PublishedBy], ct);
            inForce = new VersionView(number, version.Sections, version.PublishedAt, names.GetValueOrDefault(version.PublishedBy, "–"), version.ChangeSummary, version.RoundOutcome);
        }

        int? acknowledged = null;
        if (permissions.IsMember)
        {
            acknowledged = await db.Acknowledgements.AsNoTracking()
                .Where(a => a.CodexId == codex.Id && a.PersonId == access.PersonId)
                .MaxAsync(a => (int?)a.VersionNumber, ct);
        }

        var openProposals = await db.Proposals.CountAsync(p => p.CodexId == codex.Id && p.Status == ProposalStatus.Open, ct);
        return new CodexOverview(
            unit.Unit.Id, unit.Unit.Name, unit.Unit.Level, codex.Id, inForce, inherited, codex.DraftRevision,
            codex.ReviewCadenceMonths, codex.NextReviewOn, codex.OpenRoundId, openProposals, acknowledged, permissions);
    }

    /// <summary>The binding sections in force at every unit above, the organisation first.</summary>
    public static async Task<IReadOnlyList<InheritedSections>> InheritedAsync(TeamCodexDbContext db, CodexUnit unit, CancellationToken ct)
    {
        var ancestorIds = unit.Ancestors.Select(a => a.Id).ToList();
        if (ancestorIds.Count == 0)
        {
            return [];
        }

        var versions = await (
                from c in db.Codices.AsNoTracking()
                where ancestorIds.Contains(c.OrgUnitId) && c.VersionInForce != null
                join v in db.Versions.AsNoTracking() on new { CodexId = c.Id, Number = c.VersionInForce!.Value } equals new { v.CodexId, v.Number }
                select new { c.OrgUnitId, v.Number, v.Sections })
            .ToListAsync(ct);
        return unit.Ancestors
            .AsEnumerable()
            .Reverse()
            .SelectMany(a => versions.Where(v => v.OrgUnitId == a.Id)
                .Select(v => new InheritedSections(a.Id, a.Name, v.Number, v.Sections.Where(s => s.IsBinding).ToList())))
            .Where(i => i.Sections.Count > 0)
            .ToList();
    }
}

internal static class GetCodexEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/codex/units/{unitId:guid}", async (Guid unitId, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetCodexQuery(unitId), ct)))
            .WithName("getCodex")
            .WithSummary("Get a unit's codex with the version in force");
}
