using System.Text.Json.Serialization;
using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Features.Common;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using Codex.Shared.Tables;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Codex.Modules.Skills.Features.Transfer;

/// <summary>
/// Reads a CSV or XLSX file and validates every row first. With <paramref name="Apply"/> false it only
/// previews; with true it applies the changes, and only when there is not a single error.
/// </summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record ImportCommand(TransferKind Kind, string FileName, byte[] Content, bool Apply) : ICommand<ImportResult>;

/// <param name="Row">1-based, as a spreadsheet shows it (the header is row 1).</param>
/// <param name="Column">The column's header, or its letter when the header itself is wrong.</param>
public sealed record ImportError(int Row, string Column, string MessageKey, string Value);

/// <param name="PersonId">The person an assignment row is about: its audit entry is erased with them (not sent, the subject names them).</param>
public sealed record ImportChange(string Subject, string? OldValue, string NewValue, [property: JsonIgnore] Guid? PersonId = null);

public sealed record ImportResult(IReadOnlyList<ImportError> Errors, IReadOnlyList<ImportChange> Changes, bool Applied);

internal sealed class ImportCommandValidator : AbstractValidator<ImportCommand>
{
    public const int MaxBytes = 2 * 1024 * 1024;

    public ImportCommandValidator()
    {
        RuleFor(c => c.Kind).IsInEnum();
        RuleFor(c => c.FileName).NotEmpty().MaximumLength(260)
            .Must(n => n.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase));
        RuleFor(c => c.Content).NotNull().Must(c => c.Length is > 0 and <= MaxBytes);
    }
}

internal sealed partial class ImportCommandHandler(SkillsDbContext db, IMediator mediator, SkillsAccess access, TimeProvider clock)
    : IRequestHandler<ImportCommand, ImportResult>
{
    public async Task<ImportResult> Handle(ImportCommand command, CancellationToken cancellationToken)
    {
        List<string[]> rows;
        try
        {
            rows = TableFile.Read(command.FileName, command.Content);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever a broken or foreign file makes the readers throw (bad UTF-8, unclosed quote, not a
            // workbook, a corrupt zip) is the client's input, reported like any other import error.
            return new ImportResult([new ImportError(1, "", "Import.Unreadable", command.FileName)], [], false);
        }

        rows = rows.Select(r => r.Select(v => Csv.Unneutralise(v.Trim())).ToArray()).ToList();
        if (rows.Count == 0)
        {
            return new ImportResult([new ImportError(1, "", "Import.Empty", "")], [], false);
        }

        var plan = new ImportPlan(rows);
        switch (command.Kind)
        {
            case TransferKind.Tools:
                await PlanToolsAsync(plan, cancellationToken);
                break;
            case TransferKind.Roles:
                await PlanRolesAsync(plan, cancellationToken);
                break;
            case TransferKind.Matrix:
                await PlanMatrixAsync(plan, cancellationToken);
                break;
            default:
                await PlanAssignmentsAsync(plan, cancellationToken);
                break;
        }

        var applied = command.Apply && plan.Errors.Count == 0 && plan.Changes.Count > 0;
        if (applied)
        {
            foreach (var apply in plan.Actions)
            {
                apply();
            }

            var now = clock.GetUtcNow();
            var area = command.Kind switch
            {
                TransferKind.Tools => AuditArea.Tool,
                TransferKind.Roles => AuditArea.Role,
                TransferKind.Matrix => AuditArea.Matrix,
                _ => AuditArea.Assignment,
            };
            db.AuditEntries.Add(access.Audit(now, AuditArea.Import, $"{command.Kind}: {command.FileName}", null, $"{plan.Changes.Count} changes"));
            db.AuditEntries.AddRange(plan.Changes.Select(c => access.Audit(now, area, c.Subject, c.OldValue, c.NewValue, c.PersonId)));
            await db.SaveChangesAsync(cancellationToken);
        }

        return new ImportResult(plan.Errors, plan.Changes, applied);
    }
}

internal static class ImportSkillsEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        // The raw file is the body (no form, so no antiforgery token): ?fileName=x.csv|x.xlsx&apply=false previews.
        api.MapPost("/skills/import/{kind}", async (TransferKind kind, string fileName, bool? apply, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, ct);
            var result = await mediator.Send(new ImportCommand(kind, fileName, body.ToArray(), apply ?? false), ct);
            return Results.Ok(result);
        })
            .WithName("importSkills")
            .WithSummary("Check a CSV or XLSX file of tools, roles, the matrix or assignments, and apply it when asked");
    }
}
