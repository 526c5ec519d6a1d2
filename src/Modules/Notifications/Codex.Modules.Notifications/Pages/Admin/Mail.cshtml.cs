using Codex.Modules.Notifications.Features.TestEmail;
using Codex.Modules.Notifications.Transport;
using Codex.Shared.Security;
using FluentValidation;
using MailKit;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Codex.Modules.Notifications.Pages.Admin;

[Authorize(Roles = CodexRoles.Admin)]
public sealed class MailModel(IMediator mediator, MailOptions options, IStringLocalizer<NotificationsTexts> texts) : PageModel
{
    public string Transport => options.Transport == MailTransportKind.Smtp
        ? $"SMTP {options.SmtpHost}:{options.SmtpPort}"
        : $"{options.Transport} ({options.PickupFolder})";

    public string? To { get; private set; }

    public string? Message { get; private set; }

    public string? Problem { get; private set; }

    public string? FieldError { get; private set; }

    public void OnGet()
    {
    }

    public async Task OnPostAsync(string? to, CancellationToken ct)
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
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or ProtocolException or CommandException)
        {
            // The server's own words help the admin fix the configuration.
            Problem = texts["Mail.Failed", ex.Message];
        }
    }
}
