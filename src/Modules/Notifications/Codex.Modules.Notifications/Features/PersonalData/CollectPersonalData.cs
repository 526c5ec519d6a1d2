using Codex.Modules.Notifications.Persistence;
using Codex.Shared.Privacy;
using Codex.Shared.Time;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Notifications.Features.PersonalData;

/// <summary>"Meine Daten": the mails Codex queued or sent to the person (subject, state, times) and their mail settings. Bodies stay out.</summary>
internal sealed class CollectPersonalDataHandler(NotificationsDbContext db, IStringLocalizer<NotificationsTexts> texts)
    : INotificationHandler<PersonalDataRequested>
{
    public async Task Handle(PersonalDataRequested notification, CancellationToken cancellationToken)
    {
        var personId = notification.PersonId;
        var mails = await db.EmailMessages.AsNoTracking().Where(m => m.RecipientPersonId == personId)
            .Select(m => new { m.CreatedAt, m.Subject, m.TemplateKey, m.RecipientAddress, m.Status, m.SentAt }).ToListAsync(cancellationToken);
        var preference = await db.Preferences.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);

        string T(string key) => texts[key].Value;
        var mailTable = PersonalDataTable.Of("mails", T("PersonalData.Mails"),
            [T("PersonalData.CreatedAt"), T("PersonalData.Subject"), T("PersonalData.Address"), T("PersonalData.State"), T("PersonalData.SentAt")],
            mails.OrderByDescending(m => m.CreatedAt).Select(m => (IReadOnlyList<string>)
                [m.CreatedAt.LocalDateTime(), m.Subject ?? texts["PersonalData.NotRenderedYet", m.TemplateKey].Value, m.RecipientAddress ?? "–",
                 T($"Status.{m.Status}"), m.SentAt?.LocalDateTime() ?? "–"]));
        var settingsRows = new List<IReadOnlyList<string>>();
        if (preference is not null)
        {
            settingsRows.Add([T("Prefs.Optional"), T($"Delivery.{preference.OptionalMail}")]);
            settingsRows.Add([T("Prefs.Mandatory"), T($"Delivery.{preference.MandatoryMail}")]);
            if (preference.QuietHours is { } quiet)
            {
                settingsRows.Add([T("Prefs.OwnQuietHours"), texts["PersonalData.QuietHoursValue", quiet.From.ToString("t", System.Globalization.CultureInfo.CurrentCulture),
                    quiet.To.ToString("t", System.Globalization.CultureInfo.CurrentCulture), T(quiet.Weekends ? "PersonalData.Yes" : "PersonalData.No")].Value]);
            }
        }

        var settingsTable = PersonalDataTable.Of("mail-settings", T("PersonalData.Settings"), [T("PersonalData.Setting"), T("PersonalData.Value")], settingsRows);
        notification.Add(new PersonalDataSection(NotificationsDbContext.Module, T("PersonalData.Title"), [mailTable, settingsTable],
            preference is null ? T("PersonalData.DefaultSettings") : null));
    }
}
