using Codex.Modules.Skills.Features.Common;
using Codex.Shared.Mediation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Codex.Modules.Skills.Features.Levels;

/// <summary>A person's picture, for HR and their leads where the organisation allows it (the handler checks who).</summary>
[RequiresSignIn]
public sealed record GetPersonSkillsQuery(Guid PersonId) : IRequest<PersonSkills>;

internal sealed class GetPersonSkillsQueryHandler(PersonSkillsReader reader, SkillsAccess access, TimeProvider clock) : IRequestHandler<GetPersonSkillsQuery, PersonSkills>
{
    public async Task<PersonSkills> Handle(GetPersonSkillsQuery query, CancellationToken cancellationToken)
    {
        await access.EnsureMaySeeIndividualAsync(query.PersonId, cancellationToken);
        var skills = await reader.ReadAsync(query.PersonId, cancellationToken);
        await access.RecordIndividualViewAsync(query.PersonId, "levels", clock.GetUtcNow(), cancellationToken);
        return skills;
    }
}

internal static class GetPersonSkillsEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/skills/people/{personId:guid}", async (Guid personId, IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetPersonSkillsQuery(personId), ct)))
            .WithName("getPersonSkills")
            .WithSummary("Get a person's requirements, levels and gaps");
    }
}
