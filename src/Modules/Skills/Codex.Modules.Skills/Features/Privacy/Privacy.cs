using Codex.Modules.Skills.Contracts;
using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Features.Common;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Mediation;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Privacy;

[RequiresRole(CodexRoles.Admin)]
public sealed record GetPrivacySettingsQuery : IRequest<PrivacySettingsView>;

public sealed record PrivacySettingsView(int MinimumGroupSize, bool IndividualProficiencyVisibleToLeads, int Version);

/// <summary>Admin changes the co-determination rules; Version 0 while only the configured defaults apply.</summary>
[RequiresRole(CodexRoles.Admin)]
public sealed record UpdatePrivacySettingsCommand(int MinimumGroupSize, bool IndividualProficiencyVisibleToLeads, int Version) : ICommand<Unit>;

internal sealed class UpdatePrivacySettingsCommandValidator : AbstractValidator<UpdatePrivacySettingsCommand>
{
    public UpdatePrivacySettingsCommandValidator()
    {
        RuleFor(c => c.MinimumGroupSize).InclusiveBetween(PrivacySettings.SmallestMinimum, PrivacySettings.LargestMinimum);
        RuleFor(c => c.Version).GreaterThanOrEqualTo(0);
    }
}

internal sealed class GetPrivacySettingsQueryHandler(SkillsDbContext db, SkillsAccess access) : IRequestHandler<GetPrivacySettingsQuery, PrivacySettingsView>
{
    public async Task<PrivacySettingsView> Handle(GetPrivacySettingsQuery request, CancellationToken cancellationToken)
    {
        var stored = await db.PrivacySettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return stored is null
            ? new PrivacySettingsView(access.ConfiguredMinimumGroupSize, false, 0)
            : new PrivacySettingsView(stored.MinimumGroupSize, stored.IndividualProficiencyVisibleToLeads, stored.Version);
    }
}

internal sealed class UpdatePrivacySettingsCommandHandler(SkillsDbContext db, SkillsAccess access, TimeProvider clock)
    : IRequestHandler<UpdatePrivacySettingsCommand, Unit>
{
    public async Task<Unit> Handle(UpdatePrivacySettingsCommand command, CancellationToken cancellationToken)
    {
        var before = await access.RulesAsync(cancellationToken);
        var stored = await db.PrivacySettings.FirstOrDefaultAsync(cancellationToken);
        if (stored is null)
        {
            if (command.Version != 0)
            {
                throw new Codex.Shared.Errors.ConcurrencyConflictException(nameof(PrivacySettings), PrivacySettings.SingletonId);
            }

            db.PrivacySettings.Add(PrivacySettings.Create(command.MinimumGroupSize, command.IndividualProficiencyVisibleToLeads));
        }
        else
        {
            db.ExpectVersion(stored, command.Version);
            stored.Change(command.MinimumGroupSize, command.IndividualProficiencyVisibleToLeads);
        }

        db.AuditEntries.Add(access.Audit(clock.GetUtcNow(), AuditArea.Privacy, "privacy",
            Describe(before), Describe(new PrivacyRules(command.MinimumGroupSize, command.IndividualProficiencyVisibleToLeads))));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    private static string Describe(PrivacyRules r) => $"min {r.MinimumGroupSize}, individual visible: {r.IndividualProficiencyVisibleToLeads}";
}

/// <summary>The audit trail of the module (who changed what, when, old → new), newest first.</summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record ListAuditQuery(AuditArea? Area = null, int Page = 1, int PageSize = 50) : IRequest<PagedResult<AuditLine>>;

public sealed record AuditLine(DateTimeOffset At, string Actor, AuditArea Area, string Subject, string? OldValue, string? NewValue);

internal sealed class ListAuditQueryValidator : AbstractValidator<ListAuditQuery>
{
    public ListAuditQueryValidator()
    {
        RuleFor(q => q.Area).IsInEnum();
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, PagingExtensions.MaxPageSize);
    }
}

internal sealed class ListAuditQueryHandler(SkillsDbContext db) : IRequestHandler<ListAuditQuery, PagedResult<AuditLine>>
{
    public Task<PagedResult<AuditLine>> Handle(ListAuditQuery query, CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (query.Area is { } area)
        {
            entries = entries.Where(e => e.Area == area);
        }

        return entries.OrderByDescending(e => e.At).ThenBy(e => e.Id)
            .Select(e => new AuditLine(e.At, e.ActorName, e.Area, e.Subject, e.OldValue, e.NewValue))
            .ToPagedAsync(query.Page, query.PageSize, cancellationToken);
    }
}

internal static class PrivacyEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/skills/privacy", async (IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new GetPrivacySettingsQuery(), ct)));
        api.MapPut("/skills/privacy", async (UpdatePrivacySettingsCommand command, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(command, ct);
            return Results.NoContent();
        });
        api.MapGet("/skills/audit", async (AuditArea? area, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new ListAuditQuery(area, page ?? 1, pageSize ?? 50), ct)));
    }
}
