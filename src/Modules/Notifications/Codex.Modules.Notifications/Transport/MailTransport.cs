using Codex.Modules.Notifications.Domain;
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
public sealed record MailOptions
{
    public MailTransportKind Transport { get; init; } = MailTransportKind.PickupFolder;

    public string PickupFolder { get; init; } = "data/mail-pickup";

    public string SmtpHost { get; init; } = "localhost";

    public int SmtpPort { get; init; } = 25;

    public SecureSocketOptions SmtpSecurity { get; init; } = SecureSocketOptions.StartTlsWhenAvailable;

    public string? SmtpUserName { get; init; }

    public string? SmtpPassword { get; init; }

    public string FromAddress { get; init; } = "codex@localhost";

    public string FromName { get; init; } = "Codex";

    /// <summary>Where links in mails point to, e.g. https://codex.example.org.</summary>
    public string BaseUrl { get; init; } = "http://localhost:5080";

    /// <summary>The organisation's time zone: quiet hours and the digest hour are meant in it.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public QuietHours QuietHours { get; init; } = new(new TimeOnly(20, 0), new TimeOnly(7, 0), Weekends: true);

    /// <summary>How many mails about one topic (e.g. one review round for one person) are sent at most.</summary>
    public int MaxRemindersPerTopic { get; init; } = 3;

    /// <summary>Mails sent over one SMTP connection.</summary>
    public int BatchSize { get; init; } = 100;

    public static MailOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("Notifications");
        var defaults = new MailOptions();
        var quiet = section.GetSection("QuietHours");
        return new MailOptions
        {
            Transport = Enum.Parse<MailTransportKind>(section["Transport"] ?? nameof(MailTransportKind.PickupFolder), ignoreCase: true),
            PickupFolder = section["PickupFolder"] ?? defaults.PickupFolder,
            SmtpHost = section["Smtp:Host"] ?? defaults.SmtpHost,
            SmtpPort = int.TryParse(section["Smtp:Port"], out var port) ? port : defaults.SmtpPort,
            SmtpSecurity = Enum.Parse<SecureSocketOptions>(section["Smtp:Security"] ?? nameof(SecureSocketOptions.StartTlsWhenAvailable), ignoreCase: true),
            SmtpUserName = section["Smtp:UserName"],
            SmtpPassword = section["Smtp:Password"],
            FromAddress = section["FromAddress"] ?? defaults.FromAddress,
            FromName = section["FromName"] ?? defaults.FromName,
            BaseUrl = (section["BaseUrl"] ?? defaults.BaseUrl).TrimEnd('/'),
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById(section["TimeZone"] ?? "Europe/Berlin"),
            QuietHours = new QuietHours(
                TimeOnly.Parse(quiet["From"] ?? "20:00", System.Globalization.CultureInfo.InvariantCulture),
                TimeOnly.Parse(quiet["To"] ?? "07:00", System.Globalization.CultureInfo.InvariantCulture),
                bool.TryParse(quiet["Weekends"], out var weekends) ? weekends : true),
            MaxRemindersPerTopic = int.TryParse(section["MaxRemindersPerTopic"], out var max) ? max : defaults.MaxRemindersPerTopic,
            BatchSize = int.TryParse(section["BatchSize"], out var batch) ? Math.Clamp(batch, 1, 1000) : defaults.BatchSize,
        };
    }
}

/// <summary>Hands finished messages to the outside world, one connection per batch.</summary>
internal interface IMailTransport
{
    Task<IMailSession> OpenAsync(CancellationToken cancellationToken);
}

internal interface IMailSession : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>MailKit's client is not thread-safe: one client, one connection, per session.</summary>
internal sealed class SmtpMailTransport(MailOptions options) : IMailTransport
{
    public async Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            await client.ConnectAsync(options.SmtpHost, options.SmtpPort, options.SmtpSecurity, cancellationToken);
            if (!string.IsNullOrEmpty(options.SmtpUserName))
            {
                await client.AuthenticateAsync(options.SmtpUserName, options.SmtpPassword ?? "", cancellationToken);
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return new Session(client);
    }

    private sealed class Session(SmtpClient client) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken) =>
            await client.SendAsync(message, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            if (client.IsConnected)
            {
                try
                {
                    await client.DisconnectAsync(quit: true);
                }
                catch (Exception ex) when (ex is IOException or MailKit.ProtocolException or System.Net.Sockets.SocketException)
                {
                    // The mails are recorded already; a failing QUIT changes nothing.
                }
            }

            client.Dispose();
        }
    }
}

internal sealed class PickupFolderMailTransport(MailOptions options) : IMailTransport
{
    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.PickupFolder);
        return Task.FromResult<IMailSession>(new Session(options.PickupFolder));
    }

    private sealed class Session(string folder) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            var file = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{(message.MessageId ?? Guid.NewGuid().ToString()).Split('@')[0]}.eml");
            // Written under another name and then renamed: whoever reads the folder (a mail
            // pickup service, a test) sees each .eml complete or not at all.
            var partial = file + ".partial";
            await message.WriteToAsync(partial, cancellationToken);
            File.Move(partial, file, overwrite: true);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
