using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Codex.IntegrationTests.Infrastructure;
using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Notifications.Domain;
using Codex.Modules.Notifications.Features.Sending;
using Codex.Testing;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Codex.IntegrationTests.Notifications;

/// <summary>A row of GET /api/notifications/emails.</summary>
public sealed record EmailRow(
    Guid Id, DateTimeOffset CreatedAt, string Recipient, string TemplateKey, string Category, string Status,
    int Attempts, DateTimeOffset? SentAt, DateTimeOffset NextAttemptAt, string? Subject, string? LastError);

public sealed record EmailRowsPage(IReadOnlyList<EmailRow> Items, int Page, int PageSize, int TotalCount);

/// <summary>GET /api/notifications/emails/{id}.</summary>
public sealed record EmailDetailsRow(
    Guid Id, string TemplateKey, string Status, string? RecipientAddress, string? Subject, string? TextBody, string? HtmlBody,
    string MessageId, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, Guid? DigestId);

public sealed record PersonRecord(Guid Id, string FirstName, string LastName, string Email, string PreferredLanguage, bool IsActive, int Version);

/// <summary>A recipient created for one test: only its mails are looked at.</summary>
public sealed record Recipient(Guid PersonId, string Address, string LastName);

/// <summary>
/// Drives the mail outbox without the job server: commands go through IMediator in their own DI
/// scope, exactly as the Hangfire job would send them, so every test decides when mail is sent.
/// </summary>
public static class MailTesting
{
    public static readonly TimeSpan Arrival = TimeSpan.FromSeconds(15);

    /// <summary>Real SMTP to <paramref name="server"/>, no quiet hours, no job server.</summary>
    public static CodexApplicationFactory SendingTo(this CodexApplicationFactory factory, SmtpTestServer server)
    {
        factory.Settings["Jobs:RunServer"] = "false";
        factory.Settings["Notifications:Transport"] = "Smtp";
        factory.Settings["Notifications:Smtp:Host"] = server.Host;
        factory.Settings["Notifications:Smtp:Port"] = server.Port.ToString(CultureInfo.InvariantCulture);
        factory.Settings["Notifications:Smtp:Security"] = "None";
        factory.Settings["Notifications:BaseUrl"] = "https://codex.sozialwerk-rheinaue.example/";
        factory.Settings["Notifications:QuietHours:From"] = "00:00";
        factory.Settings["Notifications:QuietHours:To"] = "00:00";
        factory.Settings["Notifications:QuietHours:Weekends"] = "false";
        return factory;
    }

    public static async Task<TResponse> SendAsync<TResponse>(this CodexApplicationFactory factory, IRequest<TResponse> request)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    public static Task<SendEmailResult> QueueAsync(this CodexApplicationFactory factory, SendEmailCommand command) => factory.SendAsync(command);

    /// <summary>One run of the "email-send" job.</summary>
    public static Task RunSendJobAsync(this CodexApplicationFactory factory) => factory.SendAsync(new SendQueuedEmailsCommand());

    /// <summary>One run of the "email-digest" job.</summary>
    public static Task RunDigestJobAsync(this CodexApplicationFactory factory) => factory.SendAsync(new SendDailyDigestsCommand());

    public static SendEmailCommand Reminder(
        Guid personId, string codexName, EmailCategory category = EmailCategory.Mandatory, string? topicKey = null, string? deduplicationKey = null) =>
        new(
            personId,
            "codex.review-reminder",
            new Dictionary<string, string>
            {
                ["CodexName"] = codexName,
                ["ClosesOn"] = "15.12.2026",
                ["ActionPath"] = "/codex/rounds/" + codexName.Replace(' ', '-'),
            },
            deduplicationKey ?? "test:" + Guid.NewGuid().ToString("N"),
            category,
            topicKey);

    public static async Task<Recipient> NewRecipientAsync(this HttpClient admin, string firstName = "Mira")
    {
        var lastName = "Post-" + Guid.NewGuid().ToString("N")[..8];
        var address = $"{firstName.ToLowerInvariant()}.{lastName.ToLowerInvariant()}@codex-tests.example";
        var id = await admin.CreatePersonAsync(firstName, lastName, address);
        return new Recipient(id, address, lastName);
    }

    public static IReadOnlyList<MimeMessage> MessagesTo(this SmtpTestServer server, string address) =>
        [.. server.Messages().Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Waits until <paramref name="count"/> mails to the address arrived, then returns all to it.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> ArrivedAsync(this SmtpTestServer server, string address, int count = 1)
    {
        var deadline = DateTime.UtcNow + Arrival;
        while (true)
        {
            var mine = server.MessagesTo(address);
            if (mine.Count >= count)
            {
                return mine;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{mine.Count} of {count} mail(s) to {address} within {Arrival.TotalSeconds} s. Server output:\n{server.ServerOutput()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The outbox rows of one person, straight from the Notifications database.</summary>
    public static Task<List<EmailMessage>> OutboxOfAsync(this CodexApplicationFactory factory, Guid personId) =>
        factory.WithModuleDbAsync("Notifications", db => db.Set<EmailMessage>().AsNoTracking()
            .Where(m => m.RecipientPersonId == personId).ToListAsync());

    /// <summary>Skips the retry back-off: the person's queued mails are due now.</summary>
    public static Task<int> MakeDueAsync(this CodexApplicationFactory factory, Guid personId) =>
        factory.WithModuleDbAsync("Notifications", db => db.Set<EmailMessage>()
            .Where(m => m.RecipientPersonId == personId && m.Status == EmailStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTimeOffset.UtcNow.AddMinutes(-1))));

    /// <summary>As if a sender had claimed the person's mails and then died: status Sending, lease until the given time.</summary>
    public static Task<int> ClaimAsync(this CodexApplicationFactory factory, Guid personId, DateTimeOffset leaseUntil) =>
        factory.WithModuleDbAsync("Notifications", db => db.Set<EmailMessage>()
            .Where(m => m.RecipientPersonId == personId && (m.Status == EmailStatus.Queued || m.Status == EmailStatus.Sending))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, EmailStatus.Sending)
                .SetProperty(m => m.LeaseUntil, leaseUntil)
                .SetProperty(m => m.Attempts, 1)));

    public static async Task<IReadOnlyList<EmailRow>> EmailsAsync(this HttpClient admin, string status) =>
        (await admin.GetOkAsync<EmailRowsPage>($"/api/notifications/emails?status={status}&pageSize=200")).Items;

    public static Task<EmailDetailsRow> EmailAsync(this HttpClient admin, Guid id) =>
        admin.GetOkAsync<EmailDetailsRow>($"/api/notifications/emails/{id}");

    public static async Task ChangeLanguageAsync(this HttpClient admin, Guid personId, string language)
    {
        var person = await admin.GetOkAsync<PersonRecord>($"/api/org/people/{personId}");
        var response = await admin.PutAsJsonAsync($"/api/org/people/{personId}", new
        {
            person.FirstName,
            person.LastName,
            person.Email,
            preferredLanguage = language,
            person.Version,
        });
        await response.AssertStatusAsync(HttpStatusCode.NoContent);
    }

    /// <summary>PUT /api/notifications/preferences/me for the signed-in person, keeping the organisation's quiet hours.</summary>
    public static async Task ChangeMyMailAsync(this HttpClient client, string optionalMail, string mandatoryMail)
    {
        var current = await client.GetOkAsync<System.Text.Json.JsonElement>("/api/notifications/preferences/me");
        var response = await client.PutAsJsonAsync("/api/notifications/preferences/me", new
        {
            optionalMail,
            mandatoryMail,
            ownQuietHours = false,
            quietOnWeekends = false,
            version = current.GetProperty("version").GetInt32(),
        });
        await response.AssertStatusAsync(HttpStatusCode.NoContent);
    }
}
