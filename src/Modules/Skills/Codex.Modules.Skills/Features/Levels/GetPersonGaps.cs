using Codex.Shared.Mediation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Codex.Modules.Skills.Features.Levels;

/// <summary>The contract's gap query behind sign-in, for the API (the contract itself carries no attributes).</summary>
[RequiresSignIn]
public sealed record GetPersonGapsQuery(Guid PersonId) : IRequest<IReadOnlyList<Contracts.ProficiencyGap>>;

internal sealed class GetPersonGapsQueryHandler(IMediator mediator) : IRequestHandler<GetPersonGapsQuery, IReadOnlyList<Contracts.ProficiencyGap>>
{
    public Task<IReadOnlyList<Contracts.ProficiencyGap>> Handle(GetPersonGapsQuery query, CancellationToken cancellationToken) =>
        mediator.Send(new Contracts.GetProficiencyGapsQuery(query.PersonId), cancellationToken);
}

internal static class GetPersonGapsEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/skills/people/{personId:guid}/gaps", async (Guid personId, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetPersonGapsQuery(personId), ct)))
            .WithName("getPersonGaps")
            .WithSummary("List a person's gaps against the requirements of their roles");
    }
}
