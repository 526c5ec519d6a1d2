using Microsoft.AspNetCore.Routing;

namespace Codex.Modules.Skills.Features.Tools;

internal static class ToolEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        ListToolsEndpoint.Map(api);
        SaveToolEndpoint.Map(api);
    }
}
