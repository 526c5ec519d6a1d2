using System.Text;
using Codex.Modules.Organization.Contracts;
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
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Transfer;

public enum TransferFormat
{
    Csv,
    Xlsx,
}

/// <summary>A file of tools, roles, the matrix (roles as rows, tools as columns) or role assignments.</summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record ExportQuery(TransferKind Kind, TransferFormat Format) : IRequest<ExportFile>;

public sealed record ExportFile(string FileName, string ContentType, byte[] Content);

internal sealed class ExportQueryValidator : AbstractValidator<ExportQuery>
{
    public ExportQueryValidator()
    {
        RuleFor(q => q.Kind).IsInEnum();
        RuleFor(q => q.Format).IsInEnum();
    }
}

internal sealed class ExportQueryHandler(SkillsDbContext db, IMediator mediator, SkillsAccess access, TimeProvider clock) : IRequestHandler<ExportQuery, ExportFile>
{
    public async Task<ExportFile> Handle(ExportQuery query, CancellationToken cancellationToken)
    {
        // Exports leave the system (the assignments name people): who took which file is part of the audit trail.
        db.AuditEntries.Add(access.Audit(clock.GetUtcNow(), AuditArea.Export, query.Kind.ToString(), null, query.Format.ToString()));
        await db.SaveChangesAsync(cancellationToken);
        var rows = query.Kind switch
        {
            TransferKind.Tools => await ToolsAsync(cancellationToken),
            TransferKind.Roles => await RolesAsync(cancellationToken),
            TransferKind.Matrix => await MatrixAsync(cancellationToken),
            _ => await AssignmentsAsync(cancellationToken),
        };
        var name = query.Kind.ToString().ToLowerInvariant();
        return query.Format == TransferFormat.Csv
            ? new ExportFile($"skills-{name}.csv", "text/csv; charset=utf-8", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv.Write(rows))).ToArray())
            : new ExportFile($"skills-{name}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Xlsx.Write(query.Kind.ToString(), rows));
    }

    private async Task<List<IReadOnlyList<string>>> ToolsAsync(CancellationToken ct)
    {
        var tools = await db.Tools.AsNoTracking().Include(t => t.Competences).OrderBy(t => t.Name).ToListAsync(ct);
        return [TransferColumns.Tools, .. tools.Select(t => (IReadOnlyList<string>)[t.Name, t.Category.ToString(), t.Description, t.GuideUrl ?? "", t.Lifecycle.ToString(),
            string.Join(" ", t.Competences.Select(c => c.CompetenceCode).Order(StringComparer.Ordinal))])];
    }

    private async Task<List<IReadOnlyList<string>>> RolesAsync(CancellationToken ct)
    {
        var roles = await db.Roles.AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct);
        return [TransferColumns.Roles, .. roles.Select(r => (IReadOnlyList<string>)[r.Name, r.Description])];
    }

    private async Task<List<IReadOnlyList<string>>> MatrixAsync(CancellationToken ct)
    {
        var roles = await db.Roles.AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct);
        var tools = await db.Tools.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        var cells = (await db.Requirements.AsNoTracking().ToListAsync(ct)).ToDictionary(r => (r.RoleId, r.ToolId));
        return [[TransferColumns.MatrixRole, .. tools.Select(t => t.Name)],
            .. roles.Select(r => (IReadOnlyList<string>)[r.Name, .. tools.Select(t => TransferColumns.Cell(cells.GetValueOrDefault((r.Id, t.Id))))])];
    }

    private async Task<List<IReadOnlyList<string>>> AssignmentsAsync(CancellationToken ct)
    {
        var held = await (from a in db.RoleAssignments.AsNoTracking()
                          join r in db.Roles.AsNoTracking() on a.RoleId equals r.Id
                          select new { a.PersonId, r.Name }).ToListAsync(ct);
        var names = (await mediator.Send(new GetPeopleContactsQuery(held.Select(h => h.PersonId).Distinct().ToList()), ct))
            .ToDictionary(p => p.PersonId, p => p.DisplayName);
        return [TransferColumns.Assignments, .. held
            .OrderBy(h => names.GetValueOrDefault(h.PersonId, ""), StringComparer.Ordinal).ThenBy(h => h.Name, StringComparer.Ordinal)
            .Select(h => (IReadOnlyList<string>)[h.PersonId.ToString(), names.GetValueOrDefault(h.PersonId, ""), h.Name])];
    }
}

internal static class ExportSkillsEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/skills/export/{kind}.{format}", async (TransferKind kind, TransferFormat format, IMediator mediator, CancellationToken ct) =>
        {
            var file = await mediator.Send(new ExportQuery(kind, format), ct);
            return Results.File(file.Content, file.ContentType, file.FileName);
        })
            .WithName("exportSkills")
            .WithSummary("Download tools, roles, the matrix or role assignments as a file");
    }
}
