using System.Text;
using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Modules.TeamCodex.Rendering;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Time;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Versions;

/// <summary>Every published version of a unit's codex, newest first.</summary>
[RequiresSignIn]
public sealed record ListVersionsQuery(Guid UnitId) : IRequest<VersionHistory>;

public sealed record VersionHistory(Guid UnitId, string UnitName, int? VersionInForce, IReadOnlyList<VersionInfo> Versions);

public sealed record VersionInfo(int Number, DateTimeOffset PublishedAt, string PublishedBy, string ChangeSummary, string RoundOutcome);

internal sealed class ListVersionsQueryHandler(TeamCodexDbContext db, CodexAccess access) : IRequestHandler<ListVersionsQuery, VersionHistory>
{
    public async Task<VersionHistory> Handle(ListVersionsQuery query, CancellationToken ct)
    {
        var unit = await access.UnitAsync(query.UnitId, ct);
        var codex = await db.Codices.AsNoTracking().FirstOrDefaultAsync(c => c.OrgUnitId == query.UnitId, ct)
            ?? throw new NotFoundException("Codex", query.UnitId);
        var versions = await db.Versions.AsNoTracking()
            .Where(v => v.CodexId == codex.Id)
            .OrderByDescending(v => v.Number)
            .Select(v => new { v.Number, v.PublishedAt, v.PublishedBy, v.ChangeSummary, v.RoundOutcome })
            .ToListAsync(ct);
        var names = await access.NamesAsync(versions.Select(v => v.PublishedBy), ct);
        return new VersionHistory(unit.Unit.Id, unit.Unit.Name, codex.VersionInForce, versions
            .Select(v => new VersionInfo(v.Number, v.PublishedAt, names.GetValueOrDefault(v.PublishedBy, "–"), v.ChangeSummary, v.RoundOutcome))
            .ToList());
    }
}

/// <summary>One version in full, as published.</summary>
[RequiresSignIn]
public sealed record GetVersionQuery(Guid UnitId, int Number) : IRequest<VersionDocument>;

public sealed record VersionDocument(Guid UnitId, string UnitName, int Number, bool InForce, DateTimeOffset PublishedAt, string PublishedBy, string ChangeSummary, string RoundOutcome, IReadOnlyList<CodexSection> Sections)
{
    /// <summary>The version as one Markdown document, for export.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder(CodexSections.ToMarkdown($"Kodex {UnitName} – Version {Number}", Sections));
        text.Append($"\n---\n\nVeröffentlicht am {PublishedAt.Local():dd.MM.yyyy} von {PublishedBy}. {ChangeSummary}\n");
        return text.ToString();
    }
}

internal sealed class GetVersionQueryHandler(TeamCodexDbContext db, CodexAccess access) : IRequestHandler<GetVersionQuery, VersionDocument>
{
    public async Task<VersionDocument> Handle(GetVersionQuery query, CancellationToken ct)
    {
        var unit = await access.UnitAsync(query.UnitId, ct);
        var codex = await db.Codices.AsNoTracking().FirstOrDefaultAsync(c => c.OrgUnitId == query.UnitId, ct)
            ?? throw new NotFoundException("Codex", query.UnitId);
        var version = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.CodexId == codex.Id && v.Number == query.Number, ct)
            ?? throw new NotFoundException("CodexVersion", query.Number);
        var names = await access.NamesAsync([version.PublishedBy], ct);
        return new VersionDocument(unit.Unit.Id, unit.Unit.Name, version.Number, codex.VersionInForce == version.Number, version.PublishedAt,
            names.GetValueOrDefault(version.PublishedBy, "–"), version.ChangeSummary, version.RoundOutcome, version.Sections);
    }
}

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

internal static class GetVersionsEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/codex/units/{unitId:guid}/versions", async (Guid unitId, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new ListVersionsQuery(unitId), ct)));
        api.MapGet("/codex/units/{unitId:guid}/versions/{number:int}", async (Guid unitId, int number, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetVersionQuery(unitId, number), ct)));
        api.MapGet("/codex/units/{unitId:guid}/versions/{number:int}/markdown", async (Guid unitId, int number, IMediator mediator, CancellationToken ct) =>
        {
            var version = await mediator.Send(new GetVersionQuery(unitId, number), ct);
            return Results.File(Encoding.UTF8.GetBytes(version.ToMarkdown()), "text/markdown; charset=utf-8", $"kodex-version-{number}.md");
        });
        api.MapGet("/codex/units/{unitId:guid}/diff", async (Guid unitId, int from, int to, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new CompareVersionsQuery(unitId, from, to), ct)));
    }
}
