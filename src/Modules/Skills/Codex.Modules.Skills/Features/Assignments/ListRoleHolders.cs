using Codex.Shared.Mediation;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Codex.Modules.Skills.Features.Assignments;

/// <summary>Holders of a role (ids), for HR.</summary>
[RequiresRole(CodexRoles.Admin, CodexRoles.HR)]
public sealed record ListRoleHoldersQuery(Guid RoleId) : IRequest<IReadOnlyList<Guid>>;

internal sealed class ListRoleHoldersQueryHandler(IMediator mediator) : IRequestHandler<ListRoleHoldersQuery, IReadOnlyList<Guid>>
{
    public Task<IReadOnlyList<Guid>> Handle(ListRoleHoldersQuery query, CancellationToken cancellationToken) =>
        mediator.Send(new Contracts.GetRoleHoldersQuery(query.RoleId), cancellationToken);
}

internal static class ListRoleHoldersEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/skills/roles/{roleId:guid}/holders", async (Guid roleId, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new ListRoleHoldersQuery(roleId), ct)))
            .WithName("listRoleHolders")
            .WithSummary("List the ids of the people holding a role");
    }
}
