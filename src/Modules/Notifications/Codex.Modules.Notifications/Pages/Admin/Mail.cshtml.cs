using System.Globalization;
using Codex.Modules.Notifications.Domain;
using Codex.Modules.Notifications.Features.Admin;
using Codex.Modules.Notifications.Features.TestEmail;
using Codex.Modules.Notifications.Transport;
using Codex.Shared.Domain;
using Codex.Shared.Errors;
using Codex.Shared.Persistence;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Notifications.Pages.Admin;

[Authorize(Roles = CodexRoles.Admin)]
public sealed class MailModel(IMediator mediator, MailOptions options, IStringLocalizer<NotificationsTexts> texts, TimeProvider clock) : PageModel
{
    public DateTimeOffset Now => clock.GetUtcNow();

    [BindProperty(SupportsGet = true)]
    public EmailStatus? Status { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)] // "page" is the Razor Pages route value and would win
    public int PageNumber { get; set; } = 1;

    public PagedResult<EmailListItem>? Emails { get; private set; }

    public MailOverview? Overview { get; private set; }

    public string Transport => options.Transport == MailTransportKind.Smtp
        ? $"SMTP {options.SmtpHost}:{options.SmtpPort}"
        : $"{texts["Mail.PickupFolder"]} ({options.PickupFolder})";

    public string? To { get; private set; }

    public string? Message { get; private set; }

    public string? Problem { get; private set; }

    public string? FieldError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task OnPostTestAsync(string? to, CancellationToken ct)
    {
        To = to;
        try
        {
            await mediator.Send(new SendTestEmailCommand(to ?? ""), ct);
            Message = texts["Mail.Sent", to!];
        }
        catch (ValidationException ex)
        {
            FieldError = string.Join(" ", ex.Errors.Select(e => e.ErrorMessage));
        }
        catch (ExternalServiceException ex)
        {
            Problem = ex.Message;
        }

        await LoadAsync(ct);
    }

    public async Task OnPostRetryAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await mediator.Send(new RetryEmailCommand(id), ct);
            Message = texts["Mail.Retried"];
        }
        catch (DomainException ex)
        {
            Problem = texts[ex.MessageKey];
        }

        await LoadAsync(ct);
    }

    public string Local(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, options.TimeZone).ToString("g", CultureInfo.CurrentCulture);

    public string PageLink(int page) =>
        "/admin/mail" + QueryString.Create(new Dictionary<string, string?>
        {
            ["status"] = Status?.ToString(),
            ["p"] = page.ToString(CultureInfo.InvariantCulture),
        }).ToUriComponent();

    private async Task LoadAsync(CancellationToken ct)
    {
        Overview = await mediator.Send(new GetMailOverviewQuery(), ct);
        Emails = await mediator.Send(new ListEmailsQuery(Status, Math.Max(1, PageNumber), 50), ct);
    }
}
