using Microsoft.AspNetCore.Routing;

namespace Codex.Modules.Learning.Features.Paths;

internal static class PathEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        ListPathsEndpoint.Map(api);
        GetPathEndpoint.Map(api);
        CreatePathEndpoint.Map(api);
        UpdatePathEndpoint.Map(api);
        SaveStepEndpoint.Map(api);
        MoveStepEndpoint.Map(api);
        RemoveStepEndpoint.Map(api);
        AssignPathEndpoint.Map(api);
        UnassignPathEndpoint.Map(api);
    }
}
