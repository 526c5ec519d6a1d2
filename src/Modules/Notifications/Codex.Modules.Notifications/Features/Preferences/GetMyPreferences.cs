using Codex.Modules.Notifications.Domain;
using Codex.Modules.Notifications.Persistence;
using Codex.Modules.Notifications.Transport;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Codex.Modules.Notifications.Features.Preferences;

/// <summary>The signed-in person's mail choices (defaults when they never chose).</summary>
[RequiresSignIn]
public sealed record GetMyPreferencesQuery : IRequest<MyPreferences>;

/// <param name="OwnQuietHours">False: the organisation's quiet hours apply (shown in the Organisation* fields).</param>
public sealed record MyPreferences(
    MailDelivery OptionalMail, MailDelivery MandatoryMail, bool OwnQuietHours, TimeOnly QuietFrom, TimeOnly QuietTo, bool QuietOnWeekends,
    TimeOnly OrganisationQuietFrom, TimeOnly OrganisationQuietTo, bool OrganisationQuietOnWeekends, int Version);

internal sealed class GetMyPreferencesQueryHandler(NotificationsDbContext db, ICurrentUser user, MailOptions options)
    : IRequestHandler<GetMyPreferencesQuery, MyPreferences>
{
    public async Task<MyPreferences> Handle(GetMyPreferencesQuery query, CancellationToken cancellationToken)
    {
        var personId = user.PersonId ?? throw new UnauthorizedAccessException();
        var preference = await db.Preferences.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken)
            ?? NotificationPreference.Default(personId);
        var organisation = options.QuietHours;
        var quiet = preference.QuietHours ?? organisation;
        return new MyPreferences(
            preference.OptionalMail, preference.MandatoryMail, preference.QuietHours is not null, quiet.From, quiet.To, quiet.Weekends,
            organisation.From, organisation.To, organisation.Weekends, preference.Version);
    }
}

internal static class GetMyPreferencesEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/notifications/preferences/me", async (IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetMyPreferencesQuery(), ct)))
            .WithName("getMyMailPreferences")
            .WithSummary("Get your mail choices");
}
