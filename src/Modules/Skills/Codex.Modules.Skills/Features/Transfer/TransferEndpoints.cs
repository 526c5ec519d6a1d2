using Microsoft.AspNetCore.Routing;

namespace Codex.Modules.Skills.Features.Transfer;

internal static class TransferEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        ExportSkillsEndpoint.Map(api);
        ImportSkillsEndpoint.Map(api);
    }
}
