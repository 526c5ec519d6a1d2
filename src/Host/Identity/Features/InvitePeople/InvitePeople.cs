using Codex.Modules.Organization.Contracts;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;

namespace Codex.Host.Identity.Features.InvitePeople;

/// <summary>
/// Invites people to Codex: the selected people (pending invitations get a new link), or every
/// member of a unit who has no account yet. Each gets a mail with a single-use link.
/// </summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record InvitePeopleCommand(IReadOnlyList<Guid>? PersonIds = null, Guid? UnitId = null) : IRequest<InvitationOutcome>;

internal sealed class InvitePeopleCommandValidator : AbstractValidator<InvitePeopleCommand>
{
    public InvitePeopleCommandValidator()
    {
        RuleFor(c => c).Must(c => (c.PersonIds is { Count: > 0 }) ^ (c.UnitId is not null))
            .WithName("PersonIds").WithMessage("Select people or one unit.");
        RuleFor(c => c.PersonIds).Must(ids => ids is null || ids.Count <= 5000);
        RuleForEach(c => c.PersonIds).NotEmpty();
    }
}

internal sealed class InvitePeopleCommandHandler(AccountInvitations invitations, IMediator mediator)
    : IRequestHandler<InvitePeopleCommand, InvitationOutcome>
{
    public async Task<InvitationOutcome> Handle(InvitePeopleCommand command, CancellationToken ct)
    {
        if (command.UnitId is { } unitId)
        {
            var members = await mediator.Send(new GetUnitMembershipsQuery([unitId]), ct);
            return await invitations.InviteAsync([.. members.Select(m => m.PersonId).Distinct()], resendOpen: false, ct);
        }

        return await invitations.InviteAsync([.. command.PersonIds!.Distinct()], resendOpen: true, ct);
    }
}

internal static class InvitePeopleEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/accounts/invitations", async (InvitePeopleCommand command, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(command, ct)))
            .WithName("invitePeople")
            .WithSummary("Invite the selected people, or every member of a unit without an account");
}
