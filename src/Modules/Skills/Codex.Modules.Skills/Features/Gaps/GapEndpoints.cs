using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Features.Common;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Gaps;

internal static class GapEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        GetHeatmapEndpoint.Map(api);
        GetRoleCoverageEndpoint.Map(api);
    }
}
