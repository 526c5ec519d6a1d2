using Codex.Modules.Notifications.Domain;
using Codex.Modules.Notifications.Features.Preferences;
using Codex.Shared.Domain;
using Codex.Shared.Errors;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Notifications.Pages.Me;

public sealed class NotificationsModel(IMediator mediator, IStringLocalizer<NotificationsTexts> texts) : PageModel
{
    [BindProperty]
    public PreferencesForm Form { get; set; } = new();

    public MyPreferences? Current { get; private set; }

    public string? Message { get; private set; }

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Current = await mediator.Send(new GetMyPreferencesQuery(), ct);
        Form = new PreferencesForm
        {
            OptionalMail = Current.OptionalMail, MandatoryMail = Current.MandatoryMail, OwnQuietHours = Current.OwnQuietHours,
            QuietFrom = Current.QuietFrom, QuietTo = Current.QuietTo, QuietOnWeekends = Current.QuietOnWeekends, Version = Current.Version,
        };
    }

    public async Task OnPostAsync(CancellationToken ct)
    {
        try
        {
            await mediator.Send(new ChangeMyPreferencesCommand(
                Form.OptionalMail, Form.MandatoryMail, Form.OwnQuietHours, Form.QuietFrom, Form.QuietTo, Form.QuietOnWeekends, Form.Version), ct);
            Message = texts["Prefs.Saved"];
            await OnGetAsync(ct);
            return;
        }
        catch (ValidationException ex)
        {
            Problem = string.Join(" ", ex.Errors.Select(e => e.ErrorMessage));
        }
        catch (DomainException ex)
        {
            Problem = texts[ex.MessageKey];
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException or ConcurrencyConflictException)
        {
            Problem = texts["Common.Conflict"];
        }

        // The person's choices stay on the form; only the stored version is refreshed.
        Current = await mediator.Send(new GetMyPreferencesQuery(), ct);
        Form.Version = Current.Version;
    }

    public sealed class PreferencesForm
    {
        public MailDelivery OptionalMail { get; set; }

        public MailDelivery MandatoryMail { get; set; }

        public bool OwnQuietHours { get; set; }

        public TimeOnly? QuietFrom { get; set; }

        public TimeOnly? QuietTo { get; set; }

        public bool QuietOnWeekends { get; set; } = true;

        public int Version { get; set; }
    }
}
