using Codex.Shared.Audit;
using Codex.Modules.Organization.Domain;
using Codex.Modules.Organization.Persistence;
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

namespace Codex.Modules.Organization.Features.Memberships;

public enum MembershipAction
{
    Add,
    Remove,
    MakeLead,
    RemoveLead,
}

/// <summary>Adds a person to a unit, removes them, or changes whether they lead it.</summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record ChangeMembershipCommand(Guid OrgUnitId, Guid PersonId, MembershipAction Action) : ICommand<Unit>;

internal sealed class ChangeMembershipCommandValidator : AbstractValidator<ChangeMembershipCommand>
{
    public ChangeMembershipCommandValidator()
    {
        RuleFor(c => c.OrgUnitId).NotEmpty();
        RuleFor(c => c.PersonId).NotEmpty();
        RuleFor(c => c.Action).IsInEnum();
    }
}

/// <summary>
/// Touches only the one membership (its own row and version), never the unit: adds of different
/// people to one unit never conflict. The unit is only checked to exist.
/// </summary>
internal sealed class ChangeMembershipCommandHandler(OrganizationDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<ChangeMembershipCommand, Unit>
{
    public async Task<Unit> Handle(ChangeMembershipCommand command, CancellationToken cancellationToken)
    {
        var unitName = await db.OrgUnits.Where(u => u.Id == command.OrgUnitId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(nameof(OrgUnit), command.OrgUnitId);

        var membership = await db.Memberships
            .FirstOrDefaultAsync(m => m.OrgUnitId == command.OrgUnitId && m.PersonId == command.PersonId, cancellationToken);
        var now = clock.GetUtcNow();
        switch (command.Action)
        {
            case MembershipAction.Add:
                _ = await db.People.FirstOrDefaultAsync(p => p.Id == command.PersonId && p.IsActive, cancellationToken)
                    ?? throw new NotFoundException(nameof(Person), command.PersonId);
                db.Memberships.Add(Membership.Join(command.OrgUnitId, command.PersonId, isLead: false, membership, now));
                break;
            case MembershipAction.Remove:
                (membership ?? throw Membership.NotAMember()).Leave(now);
                db.Memberships.Remove(membership);
                break;
            default:
                (membership ?? throw Membership.NotAMember()).SetLead(command.Action == MembershipAction.MakeLead, now);
                break;
        }

        var action = command.Action switch
        {
            MembershipAction.Add => "membership.added",
            MembershipAction.Remove => "membership.removed",
            MembershipAction.MakeLead => "lead.granted",
            _ => "lead.revoked",
        };
        db.AuditTrail.Add(AuditRecord.Of(now, user, action, command.PersonId, unitName));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (command.Action == MembershipAction.Add && UniqueKeyViolation.IsCausedBy(ex))
        {
            // A concurrent request added the same person a moment earlier: the unique key kept it one membership.
            throw Membership.AlreadyMember();
        }

        return Unit.Value;
    }
}

internal static class ChangeMembershipEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPut("/org/units/{unitId:guid}/members/{personId:guid}", async (Guid unitId, Guid personId, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new ChangeMembershipCommand(unitId, personId, MembershipAction.Add), ct);
            return Results.NoContent();
        })
            .WithName("addUnitMember")
            .WithSummary("Add a person to a unit");
        api.MapDelete("/org/units/{unitId:guid}/members/{personId:guid}", async (Guid unitId, Guid personId, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new ChangeMembershipCommand(unitId, personId, MembershipAction.Remove), ct);
            return Results.NoContent();
        })
            .WithName("removeUnitMember")
            .WithSummary("Remove a person from a unit");
        api.MapPut("/org/units/{unitId:guid}/members/{personId:guid}/lead", async (Guid unitId, Guid personId, LeadRequest body, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new ChangeMembershipCommand(unitId, personId, body.IsLead ? MembershipAction.MakeLead : MembershipAction.RemoveLead), ct);
            return Results.NoContent();
        })
            .WithName("changeUnitLead")
            .WithSummary("Change whether a member leads the unit");
    }

    internal sealed record LeadRequest(bool IsLead);
}
