using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Modules.TeamCodex.Rendering;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Versions;

/// <summary>Word-level differences between two versions (0 = the empty codex before the first version).</summary>
[RequiresSignIn]
public sealed record CompareVersionsQuery(Guid UnitId, int From, int To) : IRequest<VersionComparison>;

internal sealed class CompareVersionsQueryValidator : AbstractValidator<CompareVersionsQuery>
{
    public CompareVersionsQueryValidator()
    {
        RuleFor(q => q.From).GreaterThanOrEqualTo(0);
        RuleFor(q => q.To).GreaterThan(0);
    }
}

public sealed record VersionComparison(Guid UnitId, string UnitName, int From, int To, IReadOnlyList<SectionDiff> Sections);

internal sealed class CompareVersionsQueryHandler(TeamCodexDbContext db, CodexAccess access) : IRequestHandler<CompareVersionsQuery, VersionComparison>
{
    public async Task<VersionComparison> Handle(CompareVersionsQuery query, CancellationToken ct)
    {
        var unit = await access.UnitAsync(query.UnitId, ct);
        var codex = await db.Codices.AsNoTracking().FirstOrDefaultAsync(c => c.OrgUnitId == query.UnitId, ct)
            ?? throw new NotFoundException("Codex", query.UnitId);
        var numbers = new[] { query.From, query.To };
        var versions = await db.Versions.AsNoTracking()
            .Where(v => v.CodexId == codex.Id && numbers.Contains(v.Number))
            .ToDictionaryAsync(v => v.Number, ct);
        IReadOnlyList<CodexSection> Sections(int number) =>
            number == 0 ? [] : versions.TryGetValue(number, out var v) ? v.Sections : throw new NotFoundException("CodexVersion", number);
        return new VersionComparison(unit.Unit.Id, unit.Unit.Name, query.From, query.To, WordDiff.CompareSections(Sections(query.From), Sections(query.To)));
    }
}

internal static class CompareVersionsEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/codex/units/{unitId:guid}/diff", async (Guid unitId, int from, int to, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new CompareVersionsQuery(unitId, from, to), ct)))
            .WithName("compareVersions")
            .WithSummary("Compare two versions word by word");
    }
}
