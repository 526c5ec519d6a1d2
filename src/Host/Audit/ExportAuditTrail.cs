using System.Globalization;
using System.Text;
using System.Text.Json;
using Codex.Host.Identity;
using Codex.Shared.Audit;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using Codex.Shared.Tables;
using Codex.Shared.Time;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Localization;

namespace Codex.Host.Audit;

public enum AuditExportFormat
{
    Csv,
    Json,
}

/// <summary>
/// Downloads the audit trail as filtered on the page (every matching entry, up to <see cref="GetAuditTrailQuery.MaxEntries"/>),
/// as CSV for a spreadsheet or JSON. The file leaves Codex with people's names in it, so the export is itself an entry.
/// </summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.DataProtection)]
public sealed record ExportAuditTrailCommand(GetAuditTrailQuery Filter, AuditExportFormat Format) : IRequest<AuditExportFile>;

public sealed record AuditExportFile(string FileName, string ContentType, byte[] Content);

internal sealed class ExportAuditTrailCommandValidator : AbstractValidator<ExportAuditTrailCommand>
{
    public ExportAuditTrailCommandValidator()
    {
        RuleFor(c => c.Filter).SetValidator(new GetAuditTrailQueryValidator());
        RuleFor(c => c.Format).IsInEnum();
    }
}

internal sealed class ExportAuditTrailCommandHandler(
    IMediator mediator, CodexIdentityDbContext db, ICurrentUser user, IStringLocalizer<SharedTexts> texts, TimeProvider clock)
    : IRequestHandler<ExportAuditTrailCommand, AuditExportFile>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<AuditExportFile> Handle(ExportAuditTrailCommand command, CancellationToken cancellationToken)
    {
        var filter = command.Filter;
        var (entries, _) = await AuditTrailReading.NewestAsync(mediator, filter.Filter, GetAuditTrailQuery.MaxEntries, cancellationToken);
        var (rows, _) = await AuditTrailReading.RowsAsync(mediator, entries, [], cancellationToken);
        var now = clock.GetUtcNow();
        db.AuditTrail.Add(AuditRecord.Of(now, user, "audit.exported", filter.PersonId, Describe(filter),
            FormattableString.Invariant($"{rows.Count} {command.Format}")));
        await db.SaveChangesAsync(cancellationToken);

        var name = $"codex-protokoll-{OrganisationTime.Today(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        return command.Format == AuditExportFormat.Json
            ? new AuditExportFile($"{name}.json", "application/json", JsonSerializer.SerializeToUtf8Bytes(rows, Json))
            : new AuditExportFile($"{name}.csv", "text/csv; charset=utf-8", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Csv.Write(Table(rows)))]);
    }

    private IEnumerable<IReadOnlyList<string>> Table(IReadOnlyList<AuditTrailRow> rows)
    {
        yield return [texts["Audit.When"], texts["Audit.Module"], texts["Audit.Action"], texts["Audit.Actor"], texts["Audit.Person"], texts["Audit.Subject"], texts["Audit.Detail"], "action", "actorId", "personId"];
        foreach (var row in rows)
        {
            yield return [
                row.At.Local().ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture), AuditTexts.Module(texts, row.Module), AuditTexts.Action(texts, row),
                AuditTexts.Actor(texts, row), AuditTexts.Person(texts, row), row.Subject ?? "", row.Detail ?? "", row.Action,
                row.ActorPersonId?.ToString() ?? "", row.SubjectPersonId?.ToString() ?? ""];
        }
    }

    /// <summary>The filter of the export, for its entry ("module=Skills from=2026-11-01").</summary>
    private static string Describe(GetAuditTrailQuery f) => string.Join(' ', new[]
    {
        f.Module is { } m ? $"module={m}" : null,
        f.ActorPersonId is { } a ? $"actor={a}" : null,
        f.From is { } from ? $"from={from:yyyy-MM-dd}" : null,
        f.To is { } to ? $"to={to:yyyy-MM-dd}" : null,
    }.OfType<string>()) is { Length: > 0 } text ? text : "all";
}

internal static class ExportAuditTrailEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/audit/export", async (Guid? person, Guid? actor, string? module, DateOnly? from, DateOnly? to, string? format, IMediator mediator, CancellationToken ct) =>
        {
            // "csv" or "json" in any case, as the page links them; anything else fails validation (400).
            var parsed = Enum.TryParse<AuditExportFormat>(format ?? nameof(AuditExportFormat.Csv), ignoreCase: true, out var known) ? known : (AuditExportFormat)(-1);
            var file = await mediator.Send(new ExportAuditTrailCommand(new GetAuditTrailQuery(person, actor, module, from, to), parsed), ct);
            return Results.File(file.Content, file.ContentType, file.FileName);
        })
            .WithName("exportAuditTrail")
            .WithSummary("Download the filtered audit trail as CSV or JSON");
}
