using System.Diagnostics;
using Codex.Modules.Notifications.Contracts;
using Codex.Modules.Notifications.Features.Sending;
using Codex.Modules.Organization.Contracts;
using Codex.Testing;
using MailKit.Net.Smtp;
using MailKit.Security;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Codex.Benchmarks;

/// <summary>
/// Email throughput: N queued mails drained by the real send job (claim, render, one SMTP
/// connection per batch, record) to a local aiosmtpd server, next to a raw MailKit loop sending
/// the same rendered mails over one connection to the same server, in the same run.
/// </summary>
internal static class MailDeliveryBenchmark
{
    public static async Task RunAsync(int count, Action<string> log)
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var factory = CodexApplicationFactory.ForSqlite();
        factory.Settings["Jobs:RunServer"] = "false";
        factory.Settings["Notifications:Transport"] = "Smtp";
        factory.Settings["Notifications:Smtp:Host"] = smtp.Host;
        factory.Settings["Notifications:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        factory.Settings["Notifications:Smtp:Security"] = "None";
        factory.Settings["Notifications:QuietHours:From"] = "00:00";
        factory.Settings["Notifications:QuietHours:To"] = "00:00";
        factory.Settings["Notifications:QuietHours:Weekends"] = "false";
        _ = factory.Services;

        var people = await RecipientsAsync(factory);
        var queueing = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            using var scope = factory.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SendEmailCommand(
                people[i % people.Count], "codex.review-reminder",
                new Dictionary<string, string> { ["CodexName"] = $"Pflegeteam {i % 50}", ["ClosesOn"] = "30.11.2026", ["ActionPath"] = $"/codex/{i}" },
                $"bench:{i}", EmailCategory.Mandatory, TopicKey: null));
        }

        log($"mail: queued {count:N0} mails in {queueing.Elapsed.TotalSeconds:0.0} s");

        var job = Stopwatch.StartNew();
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SendQueuedEmailsCommand());
        }

        job.Stop();
        await smtp.WaitForMessagesAsync(count, TimeSpan.FromMinutes(2));
        var sent = await RenderedAsync(factory.ConnectionString, count);
        log($"mail: the send job delivered {sent.Count:N0} mails in {job.Elapsed.TotalSeconds:0.0} s");

        smtp.ClearMessages();
        var raw = Stopwatch.StartNew();
        using (var client = new SmtpClient())
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, SecureSocketOptions.None);
            foreach (var mail in sent)
            {
                await client.SendAsync(mail);
            }

            await client.DisconnectAsync(quit: true);
        }

        raw.Stop();
        var jobRate = sent.Count / job.Elapsed.TotalSeconds;
        var rawRate = sent.Count / raw.Elapsed.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine("| mails | send job mails/s | raw MailKit loop mails/s | ratio job/raw |");
        Console.WriteLine("|------:|-----------------:|-------------------------:|--------------:|");
        Console.WriteLine($"| {sent.Count,5:N0} | {jobRate,16:0} | {rawRate,24:0} | {jobRate / rawRate,13:0.00} |");
        Console.WriteLine("ratio = send-job throughput / raw loop throughput (target ≥ 0.8); figures only.");
    }

    private static async Task<List<Guid>> RecipientsAsync(CodexApplicationFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var connection = new SqliteConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using (connection)
        {
            var command = connection.CreateCommand();
            command.CommandText = "SELECT Id FROM organization_People WHERE IsActive = 1";
            var ids = new List<Guid>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
            }

            var contacts = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetPeopleContactsQuery(ids));
            return contacts.Select(c => c.PersonId).ToList();
        }
    }

    /// <summary>The mails exactly as the job rendered them, for the raw loop to send again.</summary>
    private static async Task<List<MimeMessage>> RenderedAsync(string connectionString, int count)
    {
        var result = new List<MimeMessage>(count);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = "SELECT MessageId, RecipientAddress, Subject, TextBody, HtmlBody FROM notifications_EmailMessages WHERE Status = 'Sent'";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var mail = new MimeMessage { MessageId = "raw-" + reader.GetString(0), Subject = reader.GetString(2) };
            mail.From.Add(new MailboxAddress("Codex", "codex@localhost"));
            mail.To.Add(MailboxAddress.Parse(reader.GetString(1)));
            mail.Body = new BodyBuilder { TextBody = reader.GetString(3), HtmlBody = reader.GetString(4) }.ToMessageBody();
            result.Add(mail);
        }

        return result;
    }
}
