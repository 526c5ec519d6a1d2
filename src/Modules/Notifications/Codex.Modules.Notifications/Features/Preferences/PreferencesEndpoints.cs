using Microsoft.AspNetCore.Routing;

namespace Codex.Modules.Notifications.Features.Preferences;

internal static class PreferencesEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        GetMyPreferencesEndpoint.Map(api);
        ChangeMyPreferencesEndpoint.Map(api);
    }
}
