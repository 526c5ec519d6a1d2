using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Codex.Testing.Tests;

public sealed class SmtpTestServerTests : IAsyncLifetime
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(10);
    private SmtpTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SmtpTestServer.StartNewAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_mail_sent_over_smtp_is_read_back_from_the_maildir()
    {
        await SendAsync(Mail("reviewer@example.org", "Review round opened", "Please review chapter 3 — danke schön."));

        var messages = await _server.WaitForMessagesAsync(1, Arrival);

        var message = Assert.Single(messages);
        Assert.Equal("Review round opened", message.Subject);
        Assert.Equal("Please review chapter 3 — danke schön.", message.TextBody?.Trim());
        Assert.Equal("reviewer@example.org", message.To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task The_envelope_recipients_including_bcc_are_recorded_on_the_stored_message()
    {
        var mail = Mail("visible@example.org", "With bcc", "body");
        mail.Bcc.Add(MailboxAddress.Parse("hidden@example.org"));

        await SendAsync(mail);

        var message = Assert.Single(await _server.WaitForMessagesAsync(1, Arrival));
        Assert.Empty(message.Bcc);
        Assert.Equal("sender@example.org", message.Headers["X-MailFrom"]);
        Assert.Contains("hidden@example.org", message.Headers["X-RcptTo"], StringComparison.Ordinal);
        Assert.Contains("visible@example.org", message.Headers["X-RcptTo"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_are_returned_in_arrival_order()
    {
        for (var i = 1; i <= 3; i++)
        {
            await SendAsync(Mail("someone@example.org", $"Message {i}", "body"));
        }

        var messages = await _server.WaitForMessagesAsync(3, Arrival);

        Assert.Equal(["Message 1", "Message 2", "Message 3"], messages.Select(m => m.Subject));
    }

    [Fact]
    public async Task A_stopped_server_refuses_connections_and_accepts_mail_again_after_a_restart()
    {
        await SendAsync(Mail("a@example.org", "Before the outage", "1"));
        await _server.WaitForMessagesAsync(1, Arrival);

        await _server.StopAsync();

        Assert.False(_server.IsRunning);
        var refused = await Assert.ThrowsAsync<SocketException>(() => SendAsync(Mail("a@example.org", "During the outage", "2")));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);

        var port = _server.Port;
        await _server.StartAsync();

        Assert.Equal(port, _server.Port);
        await SendAsync(Mail("a@example.org", "After the outage", "3"));
        var messages = await _server.WaitForMessagesAsync(2, Arrival);
        Assert.Equal(["Before the outage", "After the outage"], messages.Select(m => m.Subject));
    }

    [Fact]
    public async Task A_recipient_matching_a_rejection_rule_is_refused_with_the_given_permanent_code()
    {
        _server.RejectRecipientsMatching("^gone@", 550, "No such user");

        var error = await Assert.ThrowsAsync<SmtpCommandException>(() => SendAsync(Mail("gone@example.org", "Lost", "body")));

        Assert.Equal(SmtpErrorCode.RecipientNotAccepted, error.ErrorCode);
        Assert.Equal(550, (int)error.StatusCode);
        Assert.Equal("gone@example.org", error.Mailbox?.Address);
        Assert.Empty(_server.Messages());
    }

    [Fact]
    public async Task A_temporary_refusal_can_be_lifted_and_the_retry_is_delivered()
    {
        _server.RejectRecipientsMatching("busy@example\\.org", 451, "Try again later");
        var error = await Assert.ThrowsAsync<SmtpCommandException>(() => SendAsync(Mail("busy@example.org", "Retry me", "body")));
        Assert.Equal(451, (int)error.StatusCode);

        _server.AcceptAllRecipients();
        await SendAsync(Mail("busy@example.org", "Retry me", "body"));

        Assert.Equal("Retry me", Assert.Single(await _server.WaitForMessagesAsync(1, Arrival)).Subject);
    }

    [Fact]
    public async Task Waiting_for_more_messages_than_arrive_fails_with_a_timeout_naming_what_arrived()
    {
        await SendAsync(Mail("a@example.org", "The only one", "body"));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => _server.WaitForMessagesAsync(2, TimeSpan.FromMilliseconds(500)));

        Assert.Contains("The only one", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cleared_messages_are_gone_from_the_maildir()
    {
        await SendAsync(Mail("a@example.org", "Old", "body"));
        await _server.WaitForMessagesAsync(1, Arrival);

        _server.ClearMessages();

        Assert.Empty(_server.Messages());
    }

    [Fact]
    public async Task A_restart_fails_clearly_when_another_process_took_the_port_meanwhile()
    {
        await _server.StopAsync();
        using var squatter = new TcpListener(IPAddress.Loopback, _server.Port);
        squatter.Start();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(_server.StartAsync);

        Assert.Contains("address already in use", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(_server.IsRunning);
    }

    [Fact]
    public async Task A_first_start_on_a_port_taken_meanwhile_moves_to_a_free_port()
    {
        await using var server = new SmtpTestServer();
        var chosen = server.Port;
        using var squatter = new TcpListener(IPAddress.Loopback, chosen);
        squatter.Start();

        await server.StartAsync();

        Assert.NotEqual(chosen, server.Port);
        Assert.True(server.IsRunning);
    }

    private static MimeMessage Mail(string to, string subject, string text)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("sender@example.org"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    private async Task SendAsync(MimeMessage message)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(_server.Host, _server.Port, SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(quit: true);
    }
}
