using System.Globalization;
using System.Text;
using Codex.Modules.TeamCodex.Domain;
using Codex.Modules.TeamCodex.Persistence;
using Codex.Modules.TeamCodex.Rendering;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Time;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.TeamCodex.Features.Versions;

/// <summary>One version in full, as published.</summary>
[RequiresSignIn]
public sealed record GetVersionQuery(Guid UnitId, int Number) : IRequest<VersionDocument>;

public sealed record VersionDocument(Guid UnitId, string UnitName, int Number, bool InForce, DateTimeOffset PublishedAt, string PublishedBy, string ChangeSummary, string RoundOutcome, IReadOnlyList<CodexSection> Sections)
{
    /// <summary>The version as one Markdown document, for export.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder(CodexSections.ToMarkdown($"Kodex {UnitName} – Version {Number}", Sections));
        text.Append(CultureInfo.InvariantCulture, $"\n---\n\nVeröffentlicht am {PublishedAt.Local():dd.MM.yyyy} von {PublishedBy}. {ChangeSummary}\n");
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

internal static class GetVersionEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/codex/units/{unitId:guid}/versions/{number:int}", async (Guid unitId, int number, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetVersionQuery(unitId, number), ct)))
            .WithName("getVersion")
            .WithSummary("Get one version in full, as published");
        api.MapGet("/codex/units/{unitId:guid}/versions/{number:int}/markdown", async (Guid unitId, int number, IMediator mediator, CancellationToken ct) =>
        {
            var version = await mediator.Send(new GetVersionQuery(unitId, number), ct);
            return Results.File(Encoding.UTF8.GetBytes(version.ToMarkdown()), "text/markdown; charset=utf-8", $"kodex-version-{number}.md");
        })
            .WithName("getVersionMarkdown")
            .WithSummary("Download one version as a Markdown file");
    }
}
