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

internal static class ChangeMyPreferencesEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/notifications/preferences/me", async (ChangeMyPreferencesCommand command, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(command, ct);
            return Results.NoContent();
        })
            .WithName("changeMyMailPreferences")
            .WithSummary("Change your mail choices");
}
