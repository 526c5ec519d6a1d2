using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Codex.Modules.Organization.Contracts;
using Codex.Modules.Skills.Domain;
using Codex.Modules.Skills.Features.Common;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using Codex.Shared.Tables;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Transfer;

internal static class TransferEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        ExportSkillsEndpoint.Map(api);
        ImportSkillsEndpoint.Map(api);
    }
}
