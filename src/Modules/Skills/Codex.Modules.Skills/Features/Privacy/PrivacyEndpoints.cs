using Codex.Modules.Skills.Contracts;
using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Features.Common;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Mediation;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

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
