using Microsoft.AspNetCore.Routing;

namespace Codex.Modules.Skills.Features.Gaps;

internal static class GapEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        GetHeatmapEndpoint.Map(api);
        GetRoleCoverageEndpoint.Map(api);
    }
}
