using System.Globalization;
using Codex.Modules.Learning.Domain;
using Codex.Shared.Domain;
using Codex.Shared.Errors;
using Codex.Shared.Time;
using Codex.Shared.Web;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Learning.Pages.Learning;

/// <summary>Formatting and error handling the learning pages share.</summary>
public static class LearningFormat
{
    /// <summary>The date on the organisation's clock, in the reader's culture (never the server's zone).</summary>
    public static string Date(DateTimeOffset value) => value.LocalDate();

    /// <summary>An enrolment's due date: a date, due at the end of that day.</summary>
    public static string DueDate(DateTimeOffset dueOn) => Enrolment.DueDateOf(dueOn).Shown();

    public static string DateTime(DateTimeOffset value) => value.LocalDateTime();

    /// <summary>What a `datetime-local` field shows for an instant: the organisation's wall clock.</summary>
    public static System.DateTime ToOrganisationClock(DateTimeOffset value) => value.Local().DateTime;

    /// <summary>
    /// The instant a `datetime-local` value means on the organisation's clock. A time skipped when the
    /// clocks go forward is read as one hour later.
    /// </summary>
    public static DateTimeOffset FromOrganisationClock(System.DateTime wallClock)
    {
        var local = System.DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (OrganisationTime.Zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, OrganisationTime.Zone), TimeSpan.Zero);
    }

    public static string Status(IStringLocalizer l, EnrolmentStatus status) => l[$"Status.{status}"];

    /// <summary>A CSS class per status, always next to the status text (never colour alone).</summary>
    public static string StatusClass(EnrolmentStatus status) => status switch
    {
        EnrolmentStatus.Overdue => "badge badge-warning",
        EnrolmentStatus.Completed => "badge badge-success",
        _ => "badge",
    };

    public static string Kind(IStringLocalizer l, StepKind kind) => l[$"Kind.{kind}"];

    public static bool IsConflict(Exception exception) => exception is DbUpdateConcurrencyException or ConcurrencyConflictException;

    /// <summary>Turns a failed command into a message on the page; returns false for exceptions it does not know.</summary>
    public static bool TryExplain(Exception exception, IStringLocalizer l, ModelStateDictionary modelState, out string? problem)
    {
        problem = null;
        switch (exception)
        {
            case ValidationException validation:
                modelState.Clear();
                modelState.AddValidationErrors(validation);
                problem = l["Common.FixErrors"].Value;
                return true;
            case DomainException domain:
                problem = l[domain.MessageKey].Value;
                return true;
            case DbUpdateConcurrencyException or ConcurrencyConflictException:
                problem = l["Common.Conflict"].Value;
                return true;
            default:
                return false;
        }
    }
}
