using Codex.Modules.Notifications.Transport;
using Codex.Shared.Errors;
using Codex.Shared.Mediation;
using Codex.Shared.Security;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using MimeKit;

namespace Codex.Modules.Notifications.Features.TestEmail;

/// <summary>Lets an admin check the mail configuration by sending one mail to an address of their choice.</summary>
[RequiresRole(CodexRoles.Admin)]
public sealed record SendTestEmailCommand(string To) : IRequest<Unit>;

internal sealed class SendTestEmailCommandValidator : AbstractValidator<SendTestEmailCommand>
{
    // EmailAddress() only looks for an '@'; the handler parses the address with MimeKit, so MimeKit
    // must accept it too ("a,b@x" or "a b@x" would otherwise fail there, as a 500).
    public SendTestEmailCommandValidator() => RuleFor(c => c.To).Cascade(CascadeMode.Stop)
        .NotEmpty().EmailAddress().MaximumLength(254)
        .Must(to => MailboxAddress.TryParse(to, out _)).WithErrorCode("EmailValidator");
}

internal sealed class SendTestEmailCommandHandler(
    IMailTransport transport, MailOptions options, IStringLocalizer<NotificationsTexts> texts, TimeProvider clock)
    : IRequestHandler<SendTestEmailCommand, Unit>
{
    public async Task<Unit> Handle(SendTestEmailCommand command, CancellationToken cancellationToken)
    {
        var message = new MimeMessage
        {
            Subject = texts["TestEmail.Subject"],
            MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(),
            Date = clock.GetUtcNow(),
        };
        message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        message.To.Add(MailboxAddress.Parse(command.To));
        message.Body = new BodyBuilder
        {
            TextBody = texts["TestEmail.Text"],
            HtmlBody = $"<p>{System.Net.WebUtility.HtmlEncode(texts["TestEmail.Text"])}</p>",
        }.ToMessageBody();
        try
        {
            await using var session = await transport.OpenAsync(cancellationToken);
            await session.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (IsTransportFailure(ex))
        {
            // The server's own words help the admin fix the configuration.
            throw new ExternalServiceException(texts["Mail.Failed", ex.Message], ex);
        }

        return Unit.Value;
    }

    /// <summary>The server is unreachable, times out, refuses us or the pickup folder cannot be written.</summary>
    private static bool IsTransportFailure(Exception ex) =>
        ex is IOException or System.Net.Sockets.SocketException or TimeoutException or UnauthorizedAccessException
            or MailKit.ProtocolException or MailKit.CommandException
            or MailKit.Security.AuthenticationException or MailKit.Security.SslHandshakeException;
}

internal static class SendTestEmailEndpoint
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/notifications/test-email", async (SendTestEmailCommand command, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(command, ct);
            return Results.Accepted();
        })
        .Produces(StatusCodes.Status202Accepted)
        .ProducesProblem(StatusCodes.Status502BadGateway)
        .WithName("sendTestEmail")
        .WithSummary("Send a test mail to check the mail configuration");
}
