using Codex.Modules.Notifications.Contracts;
using Codex.Shared.Domain;

namespace Codex.Modules.Notifications.Domain;

public enum MailDelivery
{
    Immediately,
    DailyDigest,

    /// <summary>Only for optional mail.</summary>
    Off,
}

/// <summary>A person's choices about mail. Without a stored preference the defaults apply.</summary>
public sealed class NotificationPreference : AggregateRoot
{
    private NotificationPreference()
    {
    }

    public Guid PersonId => Id;

    public MailDelivery OptionalMail { get; private set; } = MailDelivery.Immediately;

    public MailDelivery MandatoryMail { get; private set; } = MailDelivery.Immediately;

    /// <summary>Own quiet hours (for shift workers); null uses the organisation's.</summary>
    public QuietHours? QuietHours { get; private set; }

    public static NotificationPreference Default(Guid personId) => new() { Id = personId };

    public void Change(MailDelivery optionalMail, MailDelivery mandatoryMail, QuietHours? quietHours)
    {
        if (mandatoryMail == MailDelivery.Off)
        {
            throw new DomainException("Mail.MandatoryCannotBeOff", "Mandatory mail can be collected in a digest, but not switched off.");
        }

        OptionalMail = optionalMail;
        MandatoryMail = mandatoryMail;
        QuietHours = quietHours;
    }

    public MailDelivery DeliveryFor(EmailCategory category) => category switch
    {
        EmailCategory.Account => MailDelivery.Immediately,
        EmailCategory.Mandatory => MandatoryMail,
        _ => OptionalMail,
    };
}

/// <summary>
/// Times in which no mail is sent, in the organisation's time zone: a daily window (which may
/// span midnight) and optionally the whole weekend. Mail is delayed to the window's end.
/// </summary>
public sealed record QuietHours(TimeOnly From, TimeOnly To, bool Weekends)
{
    public bool IsQuiet(DateTime local)
    {
        if (Weekends && local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return true;
        }

        var time = TimeOnly.FromDateTime(local);
        if (From == To)
        {
            return false;
        }

        return From < To ? time >= From && time < To : time >= From || time < To;
    }

    /// <summary>The first moment at or after <paramref name="utcNow"/> outside quiet hours.</summary>
    public DateTimeOffset NextAllowed(DateTimeOffset utcNow, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(utcNow, zone).DateTime;
        if (!IsQuiet(local))
        {
            return utcNow;
        }

        // Minute steps: windows end on whole minutes, and a weekend plus a night is the longest wait.
        var candidate = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
        for (var minutes = 0; minutes < 8 * 24 * 60 && IsQuiet(candidate); minutes++)
        {
            candidate = candidate.AddMinutes(1);
        }

        return new DateTimeOffset(candidate, zone.GetUtcOffset(candidate)).ToUniversalTime();
    }
}
