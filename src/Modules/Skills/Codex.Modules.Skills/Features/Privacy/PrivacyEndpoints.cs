using Microsoft.AspNetCore.Routing;

namespace Codex.Modules.Skills.Features.Privacy;

internal static class PrivacyEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        GetPrivacySettingsEndpoint.Map(api);
        UpdatePrivacySettingsEndpoint.Map(api);
        ListAuditEndpoint.Map(api);
    }
}
