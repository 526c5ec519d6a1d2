using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace Codex.Modules.Notifications.Transport;

public enum MailTransportKind
{
    /// <summary>Writes .eml files to a folder: the embedded default, so nothing leaves the machine.</summary>
    PickupFolder,
    Smtp,
}

/// <summary>`Notifications:*` configuration.</summary>
public sealed record MailOptions(
    MailTransportKind Transport,
    string PickupFolder,
    string SmtpHost,
    int SmtpPort,
    SecureSocketOptions SmtpSecurity,
    string? SmtpUserName,
    string? SmtpPassword,
    string FromAddress,
    string FromName)
{
    public static MailOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("Notifications");
        return new MailOptions(
            Enum.Parse<MailTransportKind>(section["Transport"] ?? nameof(MailTransportKind.PickupFolder), ignoreCase: true),
            section["PickupFolder"] ?? "data/mail-pickup",
            section["Smtp:Host"] ?? "localhost",
            int.TryParse(section["Smtp:Port"], out var port) ? port : 25,
            Enum.Parse<SecureSocketOptions>(section["Smtp:Security"] ?? nameof(SecureSocketOptions.StartTlsWhenAvailable), ignoreCase: true),
            section["Smtp:UserName"],
            section["Smtp:Password"],
            section["FromAddress"] ?? "codex@localhost",
            section["FromName"] ?? "Codex");
    }
}

/// <summary>Hands finished messages to the outside world.</summary>
internal interface IMailTransport
{
    Task SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken);
}

/// <summary>One SMTP connection for the whole batch (MailKit's client is not thread-safe; one per call).</summary>
internal sealed class SmtpMailTransport(MailOptions options) : IMailTransport
{
    public async Task SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(options.SmtpHost, options.SmtpPort, options.SmtpSecurity, cancellationToken);
        if (!string.IsNullOrEmpty(options.SmtpUserName))
        {
            await client.AuthenticateAsync(options.SmtpUserName, options.SmtpPassword ?? "", cancellationToken);
        }

        foreach (var message in messages)
        {
            await client.SendAsync(message, cancellationToken);
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

internal sealed class PickupFolderMailTransport(MailOptions options) : IMailTransport
{
    public async Task SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.PickupFolder);
        foreach (var message in messages)
        {
            var file = Path.Combine(options.PickupFolder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(file, cancellationToken);
        }
    }
}
