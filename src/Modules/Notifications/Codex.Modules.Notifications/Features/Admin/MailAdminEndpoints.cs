using Microsoft.AspNetCore.Routing;

namespace Codex.Modules.Notifications.Features.Admin;

internal static class MailAdminEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        ListEmailsEndpoint.Map(api);
        GetEmailEndpoint.Map(api);
        RetryEmailEndpoint.Map(api);
        GetMailOverviewEndpoint.Map(api);
    }
}
