using Microsoft.AspNetCore.Routing;

namespace Codex.Modules.Skills.Features.Assignments;

internal static class RoleAssignmentEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        AssignRoleEndpoint.Map(api);
        UnassignRoleEndpoint.Map(api);
        ListRoleHoldersEndpoint.Map(api);
    }
}
