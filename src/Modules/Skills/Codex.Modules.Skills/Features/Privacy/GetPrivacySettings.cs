using Codex.Modules.Skills.Features.Common;
using Codex.Modules.Skills.Persistence;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Skills.Features.Privacy;

[RequiresRole(CodexRoles.Admin)]
public sealed record GetPrivacySettingsQuery : IRequest<PrivacySettingsView>;

public sealed record PrivacySettingsView(int MinimumGroupSize, bool IndividualProficiencyVisibleToLeads, int Version);

internal sealed class GetPrivacySettingsQueryHandler(SkillsDbContext db, SkillsAccess access) : IRequestHandler<GetPrivacySettingsQuery, PrivacySettingsView>
{
    public async Task<PrivacySettingsView> Handle(GetPrivacySettingsQuery request, CancellationToken cancellationToken)
    {
        var stored = await db.PrivacySettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return stored is null
            ? new PrivacySettingsView(access.ConfiguredMinimumGroupSize, false, 0)
            : new PrivacySettingsView(stored.MinimumGroupSize, stored.IndividualProficiencyVisibleToLeads, stored.Version);
    }
}

internal static class GetPrivacySettingsEndpoint
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/skills/privacy", async (IMediator mediator, CancellationToken ct) => Results.Ok(await mediator.Send(new GetPrivacySettingsQuery(), ct)))
            .WithName("getPrivacySettings")
            .WithSummary("Get the co-determination rules");
    }
}
