using Codex.Modules.Notifications.Domain;
using Codex.Modules.Notifications.Persistence;
using Codex.Modules.Notifications.Transport;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using FluentValidation;
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

[RequiresSignIn]
public sealed record ChangeMyPreferencesCommand(
    MailDelivery OptionalMail, MailDelivery MandatoryMail, bool OwnQuietHours, TimeOnly? QuietFrom, TimeOnly? QuietTo, bool QuietOnWeekends, int Version)
    : ICommand<Unit>;

internal sealed class ChangeMyPreferencesCommandValidator : AbstractValidator<ChangeMyPreferencesCommand>
{
    public ChangeMyPreferencesCommandValidator()
    {
        RuleFor(c => c.OptionalMail).IsInEnum();
        RuleFor(c => c.MandatoryMail).IsInEnum().NotEqual(MailDelivery.Off);
        RuleFor(c => c.QuietFrom).NotNull().When(c => c.OwnQuietHours);
        RuleFor(c => c.QuietTo).NotNull().When(c => c.OwnQuietHours);
        RuleFor(c => c.Version).GreaterThanOrEqualTo(0);
    }
}

internal sealed class ChangeMyPreferencesCommandHandler(NotificationsDbContext db, ICurrentUser user)
    : IRequestHandler<ChangeMyPreferencesCommand, Unit>
{
    public async Task<Unit> Handle(ChangeMyPreferencesCommand command, CancellationToken cancellationToken)
    {
        var personId = user.PersonId ?? throw new UnauthorizedAccessException();
        var preference = await db.Preferences.FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (preference is null)
        {
            preference = NotificationPreference.Default(personId);
            db.Preferences.Add(preference);
        }
        else
        {
            db.ExpectVersion(preference, command.Version);
        }

        var quietHours = command.OwnQuietHours ? new QuietHours(command.QuietFrom!.Value, command.QuietTo!.Value, command.QuietOnWeekends) : null;
        preference.Change(command.OptionalMail, command.MandatoryMail, quietHours);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal static class PreferencesEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/notifications/preferences/me", async (IMediator mediator, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new GetMyPreferencesQuery(), ct)));
        api.MapPut("/notifications/preferences/me", async (ChangeMyPreferencesCommand command, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(command, ct);
            return Results.NoContent();
        });
    }
}
