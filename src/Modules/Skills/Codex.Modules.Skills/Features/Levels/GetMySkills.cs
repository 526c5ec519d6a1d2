using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Codex.Modules.Skills.Features.Levels;

/// <summary>The signed-in person's own picture: requirements, levels, gaps, suggested learning and history.</summary>
[RequiresSignIn]
public sealed record GetMySkillsQuery : IRequest<PersonSkills>;

internal sealed class GetMySkillsQueryHandler(PersonSkillsReader reader, ICurrentUser user) : IRequestHandler<GetMySkillsQuery, PersonSkills>
{
    public Task<PersonSkills> Handle(GetMySkillsQuery request, CancellationToken cancellationToken) =>
        reader.ReadAsync(user.PersonId ?? throw new ForbiddenException(), cancellationToken);
}

internal static class GetMySkillsEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/skills/me", async (IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new GetMySkillsQuery(), ct)))
            .WithName("getMySkills")
            .WithSummary("Get your own requirements, levels, gaps, suggested learning and history");
    }
}
