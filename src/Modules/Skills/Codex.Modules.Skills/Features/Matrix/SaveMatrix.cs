using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Features.Common;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Domain;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Matrix;

/// <summary>
/// Saves the grid in one go. <paramref name="Version"/> is the matrix version the editor loaded;
/// a save based on an older one is refused (409) rather than overwriting someone else's change.
/// Cells not sent stay as they are; a cell with level 0 removes the requirement. The API's conflict answer
/// (409) carries the current matrix under <c>current</c>; the page sends only the cells the editor changed.
/// </summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record SaveMatrixCommand(int Version, IReadOnlyList<RequirementCell> Cells) : ICommand<int>;

internal sealed class SaveMatrixCommandValidator : AbstractValidator<SaveMatrixCommand>
{
    public const int MaxCells = 20_000;

    public SaveMatrixCommandValidator()
    {
        RuleFor(c => c.Version).GreaterThanOrEqualTo(0);
        RuleFor(c => c.Cells).NotNull().Must(c => c.Count <= MaxCells);
        RuleForEach(c => c.Cells).ChildRules(cell =>
        {
            cell.RuleFor(c => c.RoleId).NotEmpty();
            cell.RuleFor(c => c.ToolId).NotEmpty();
            cell.RuleFor(c => c.Level).InclusiveBetween(ProficiencyScale.None, ProficiencyScale.CanTeach);
            cell.RuleFor(c => c.Rationale).MaximumLength(Requirement.RationaleMaxLength);
        });
        RuleFor(c => c.Cells).Must(c => c.Select(x => (x.RoleId, x.ToolId)).Distinct().Count() == c.Count)
            .When(c => c.Cells is not null).WithName("Cells");
    }
}

internal sealed class SaveMatrixCommandHandler(SkillsDbContext db, SkillsAccess access, TimeProvider clock) : IRequestHandler<SaveMatrixCommand, int>
{
    public async Task<int> Handle(SaveMatrixCommand command, CancellationToken cancellationToken)
    {
        var matrix = await db.Matrices.Include(m => m.Requirements).FirstOrDefaultAsync(cancellationToken);
        if (matrix is null)
        {
            if (command.Version != 0)
            {
                throw new ConcurrencyConflictException(nameof(RequirementMatrix), RequirementMatrix.SingletonId);
            }

            matrix = RequirementMatrix.Create();
            db.Matrices.Add(matrix);
        }
        else if (matrix.Version != command.Version)
        {
            // Refused even when nothing would change: the editor's picture of the grid is outdated.
            throw new ConcurrencyConflictException(nameof(RequirementMatrix), matrix.Id);
        }
        else
        {
            db.ExpectVersion(matrix, command.Version); // guards the race between this check and the save
        }

        var roles = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
        var tools = await db.Tools.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        if (command.Cells.Any(c => !roles.ContainsKey(c.RoleId) || !tools.ContainsKey(c.ToolId)))
        {
            throw new DomainException("Skills.UnknownRoleOrTool", "A cell names a role or tool that does not exist (any more).");
        }

        var changes = matrix.Apply(command.Cells);
        var now = clock.GetUtcNow();
        foreach (var change in changes)
        {
            db.AuditEntries.Add(access.Audit(now, AuditArea.Matrix, $"{roles[change.RoleId]} × {tools[change.ToolId]}",
                change.Old is { } o ? $"{o.Describe()} · {o.Rationale}" : null,
                change.New is { } n ? $"{n.Level} {(n.Mandatory ? "mandatory" : "recommended")} · {n.Rationale}" : null));
        }

        if (changes.Count > 0 || db.Entry(matrix).State == EntityState.Added)
        {
            // Child rows changed, not the matrix row: mark it so its version moves and guards the next save.
            if (db.Entry(matrix).State == EntityState.Unchanged)
            {
                db.Entry(matrix).State = EntityState.Modified;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return matrix.Version;
    }
}

internal static class SaveMatrixEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPut("/skills/matrix", async (SaveMatrixCommand command, IMediator mediator, CancellationToken ct) =>
        {
            try
            {
                return Results.Ok(new { version = await mediator.Send(command, ct) });
            }
            catch (Exception ex) when (ex is ConcurrencyConflictException or DbUpdateConcurrencyException)
            {
                // The answer carries the grid as it is now, so the client can apply its own changes over it and send them again.
                var current = await mediator.Send(new GetMatrixQuery(), ct);
                return Results.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Conflict",
                    detail: "Someone else changed the matrix in the meantime. 'current' is the matrix as it is now: send your changed cells again with its version.",
                    extensions: new Dictionary<string, object?> { ["current"] = current });
            }
        })
            .WithName("saveMatrix")
            .WithSummary("Save changed cells of the roles × tools matrix");
    }
}
