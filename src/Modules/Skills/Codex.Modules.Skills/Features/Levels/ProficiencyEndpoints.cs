using Microsoft.AspNetCore.Routing;

namespace Codex.Modules.Skills.Features.Levels;

internal static class ProficiencyEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        GetMySkillsEndpoint.Map(api);
        AssessOwnLevelsEndpoint.Map(api);
        GetPersonSkillsEndpoint.Map(api);
        GetPersonGapsEndpoint.Map(api);
        ConfirmLevelEndpoint.Map(api);
    }
}
