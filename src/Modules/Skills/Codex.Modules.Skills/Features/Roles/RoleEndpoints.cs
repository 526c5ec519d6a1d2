using Microsoft.AspNetCore.Routing;

namespace Codex.Modules.Skills.Features.Roles;

internal static class RoleEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        ListRolesEndpoint.Map(api);
        SaveRoleEndpoint.Map(api);
        DeleteRoleEndpoint.Map(api);
    }
}
