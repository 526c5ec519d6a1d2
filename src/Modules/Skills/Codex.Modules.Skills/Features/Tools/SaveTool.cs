using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Features.Common;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Domain;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Tools;

/// <summary>Creates (Id null) or updates a tool; Version is the one the editor saw (0 for a new tool).</summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record SaveToolCommand(
    Guid? Id, string Name, ToolCategory Category, string? Description, string? GuideUrl, ToolLifecycle Lifecycle,
    IReadOnlyList<string>? Competences, int Version) : ICommand<Guid>;

internal sealed class SaveToolCommandValidator : AbstractValidator<SaveToolCommand>
{
    public SaveToolCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Tool.NameMaxLength);
        RuleFor(c => c.Category).IsInEnum();
        RuleFor(c => c.Lifecycle).IsInEnum();
        RuleFor(c => c.Description).MaximumLength(Tool.DescriptionMaxLength);
        RuleFor(c => c.GuideUrl).MaximumLength(Tool.GuideUrlMaxLength)
            .Must(u => string.IsNullOrWhiteSpace(u) || Tool.IsSafeLink(u.Trim()));
        RuleForEach(c => c.Competences).Must(DigComp.IsKnown);
        RuleFor(c => c.Version).GreaterThanOrEqualTo(0);
        RuleFor(c => c.Version).GreaterThan(0).When(c => c.Id is not null);
    }
}

internal sealed class SaveToolCommandHandler(SkillsDbContext db, SkillsAccess access, TimeProvider clock) : IRequestHandler<SaveToolCommand, Guid>
{
    public async Task<Guid> Handle(SaveToolCommand command, CancellationToken cancellationToken)
    {
        var name = command.Name.Trim();
        if (await db.Tools.AnyAsync(t => t.Name == name && t.Id != command.Id, cancellationToken))
        {
            throw new DomainException("Skills.ToolNameTaken", "There already is a tool with this name.");
        }

        var competences = command.Competences ?? [];
        Tool tool;
        string? old = null;
        if (command.Id is { } id)
        {
            tool = await db.Tools.Include(t => t.Competences).FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
                ?? throw new NotFoundException(nameof(Tool), id);
            db.ExpectVersion(tool, command.Version);
            old = Describe(tool);
            tool.Update(name, command.Category, command.Description, command.GuideUrl, command.Lifecycle, competences);
        }
        else
        {
            tool = Tool.Create(Guid.NewGuid(), name, command.Category, command.Description, command.GuideUrl, command.Lifecycle, competences);
            db.Tools.Add(tool);
        }

        db.AuditEntries.Add(access.Audit(clock.GetUtcNow(), AuditArea.Tool, tool.Name, old, Describe(tool)));
        await db.SaveChangesAsync(cancellationToken);
        return tool.Id;
    }

    private static string Describe(Tool t) =>
        $"{t.Name} · {t.Category} · {t.Lifecycle} · {t.GuideUrl} · {string.Join(",", t.Competences.Select(c => c.CompetenceCode).Order())}";
}

internal static class SaveToolEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/skills/tools", async (SaveToolCommand command, IMediator mediator, CancellationToken ct) =>
        {
            var id = await mediator.Send(command with { Id = null, Version = 0 }, ct);
            return Results.Created($"/api/skills/tools/{id}", new { id });
        })
            .WithName("createTool")
            .WithSummary("Add a tool to the catalogue");
        api.MapPut("/skills/tools/{id:guid}", async (Guid id, SaveToolCommand command, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(command with { Id = id }, ct);
            return Results.NoContent();
        })
            .WithName("updateTool")
            .WithSummary("Change a tool in the catalogue");
    }
}
