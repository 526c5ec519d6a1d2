using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Features.Common;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

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
