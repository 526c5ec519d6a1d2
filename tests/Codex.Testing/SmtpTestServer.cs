using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MimeKit;

namespace Codex.Testing;

/// <summary>
/// A real SMTP server for tests: aiosmtpd (Debian's python3-aiosmtpd) on 127.0.0.1 and a free
/// port, storing every accepted message in a Maildir the test reads back with MimeKit.
/// It can be stopped and started again on the same port and Maildir ("server down, then back"),
/// and can refuse chosen recipients with a chosen SMTP code (permanent or temporary failures).
/// </summary>
/// <remarks>
/// Each stored message starts with two envelope headers added by the server:
/// <c>X-MailFrom</c> (the MAIL FROM address) and <c>X-RcptTo</c> (the accepted RCPT TO addresses,
/// comma separated) — the way to check Bcc recipients, which never appear in the message itself.
/// </remarks>
public sealed class SmtpTestServer : IAsyncDisposable
{
    /// <summary>Debian's interpreter: the first python3 on PATH may be another one without aiosmtpd.</summary>
    public const string DefaultPython = "/usr/bin/python3";

    private const string HandlerModule = "codex_smtp_sink";
    private const int StartAttempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly string _rootDirectory;
    private readonly string _rulesFile;
    private readonly string _python;
    private readonly List<RejectionRule> _rules = [];
    private readonly StringBuilder _serverOutput = new();
    private Process? _process;
    private bool _hasStarted;
    private bool _disposed;

    /// <summary>
    /// Prepares a server (temp folder, Maildir, port) without starting it; call <see cref="StartAsync"/>.
    /// </summary>
    public SmtpTestServer()
    {
        _python = Environment.GetEnvironmentVariable("CODEX_PYTHON") is { Length: > 0 } python ? python : DefaultPython;
        _rootDirectory = Path.Combine(Path.GetTempPath(), "codex-smtp-" + Guid.NewGuid().ToString("N")[..12]);
        MaildirPath = Path.Combine(_rootDirectory, "maildir");
        _rulesFile = Path.Combine(_rootDirectory, "rules.json");
        foreach (var sub in new[] { "tmp", "new", "cur" })
        {
            Directory.CreateDirectory(Path.Combine(MaildirPath, sub));
        }
        WriteHandlerScript();
        WriteRules();
        Port = FreePort.Get();
    }

    public string Host => "127.0.0.1";

    /// <summary>
    /// Fixed once the server has started: restarts reuse it, so the app under test needs no
    /// reconfiguration. (Only if the very first start finds the port taken is another one chosen.)
    /// </summary>
    public int Port { get; private set; }

    public string MaildirPath { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Creates a server and starts it.</summary>
    public static async Task<SmtpTestServer> StartNewAsync()
    {
        var server = new SmtpTestServer();
        try
        {
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts the server (again) on the same port and Maildir, and returns once it greets SMTP
    /// clients. Messages received earlier stay in the Maildir.
    /// </summary>
    public async Task StartAsync()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsRunning)
        {
            return;
        }
        if (!File.Exists(_python))
        {
            throw new InvalidOperationException(
                $"Python interpreter '{_python}' not found; the SMTP test server needs Debian's python3 with aiosmtpd " +
                "(apt-get install python3-aiosmtpd), or CODEX_PYTHON pointing to an interpreter that has it.");
        }

        for (var attempt = 1; ; attempt++)
        {
            var failure = await TryStartProcessAsync();
            if (failure is null)
            {
                _hasStarted = true;
                return;
            }
            // Another process may have taken the free port before aiosmtpd bound it. Before the first
            // successful start nobody knows the port yet, so a new one can be picked; later the port
            // is part of the app's configuration and must stay.
            var portTaken = ServerOutput().Contains("address already in use", StringComparison.OrdinalIgnoreCase);
            if (portTaken && !_hasStarted && attempt < StartAttempts)
            {
                Port = FreePort.Get();
                continue;
            }
            throw new InvalidOperationException(failure);
        }
    }

    /// <summary>Stops the server: afterwards connections to <see cref="Port"/> are refused.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }
        using (process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
        }
    }

    /// <summary>
    /// From now on, RCPT TO addresses matching <paramref name="pattern"/> (a regular expression,
    /// case-insensitive, searched anywhere in the address) are refused with <paramref name="code"/>,
    /// e.g. 550 (permanent: mailbox unavailable) or 450/451 (temporary: try again later).
    /// Takes effect immediately, also while the server runs.
    /// </summary>
    public void RejectRecipientsMatching(string pattern, int code, string? message = null)
    {
        if (code is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "A refusal needs a 4xx or 5xx SMTP code.");
        }
        lock (_rules)
        {
            _rules.Add(new RejectionRule(pattern, code, message ?? $"Recipient refused by test rule '{pattern}'"));
            WriteRules();
        }
    }

    /// <summary>
    /// From now on, the server waits <paramref name="delay"/> before it accepts each message (zero: no wait),
    /// so that a test can stop a sender in the middle of a batch.
    /// </summary>
    public void DelayEachMail(TimeSpan delay)
    {
        var temp = _rulesFile + ".delay.tmp";
        File.WriteAllText(temp, delay.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.Move(temp, _rulesFile + ".delay", overwrite: true);
    }

    /// <summary>Removes all refusal rules: every recipient is accepted again.</summary>
    public void AcceptAllRecipients()
    {
        lock (_rules)
        {
            _rules.Clear();
            WriteRules();
        }
    }

    /// <summary>All messages stored so far (Maildir new/ and cur/), in arrival order.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var files = new[] { "new", "cur" }
            .SelectMany(sub => Directory.GetFiles(Path.Combine(MaildirPath, sub)))
            .OrderBy(path => Path.GetFileName(path), StringComparer.Ordinal);
        return files.Select(path => MimeMessage.Load(path)).ToList();
    }

    /// <summary>Deletes all stored messages (e.g. between steps of one test).</summary>
    public void ClearMessages()
    {
        foreach (var file in new[] { "new", "cur" }.SelectMany(sub => Directory.GetFiles(Path.Combine(MaildirPath, sub))))
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Waits until at least <paramref name="count"/> messages are stored and returns all of them;
    /// throws <see cref="TimeoutException"/> (listing what did arrive) if they do not arrive in time.
    /// </summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var messages = Messages();
            if (messages.Count >= count)
            {
                return messages;
            }
            if (DateTime.UtcNow > deadline)
            {
                var subjects = string.Join("", messages.Select(m => $"\n  - {m.Subject} (to {m.To})"));
                throw new TimeoutException(
                    $"Expected at least {count} message(s) at {Host}:{Port} within {timeout}, but {messages.Count} arrived:{subjects}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>What aiosmtpd printed since the last start (errors, tracebacks).</summary>
    public string ServerOutput()
    {
        lock (_serverOutput)
        {
            return _serverOutput.ToString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await StopAsync();
        try
        {
            Directory.Delete(_rootDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test run for.
        }
    }

    // Starts aiosmtpd and waits for its SMTP greeting; returns null on success, else why not.
    private async Task<string?> TryStartProcessAsync()
    {
        lock (_serverOutput)
        {
            _serverOutput.Clear();
        }
        var startInfo = new ProcessStartInfo(_python)
        {
            UseShellExecute = false,
            // The handler exits when stdin closes, so the server dies with the test process.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _rootDirectory,
        };
        foreach (var argument in new[]
        {
            "-m", "aiosmtpd",
            "-n",                                   // no setuid to "nobody": keep write access to the Maildir
            "-u",                                   // advertise SMTPUTF8, as real servers do
            "-l", $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}",
            "-c", $"{HandlerModule}.MaildirSink",
            MaildirPath,
            _rulesFile,
        })
        {
            startInfo.ArgumentList.Add(argument);
        }
        startInfo.Environment["PYTHONPATH"] = _rootDirectory;
        startInfo.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        startInfo.Environment["PYTHONUNBUFFERED"] = "1";

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => AppendOutput(e.Data);
        process.ErrorDataReceived += (_, e) => AppendOutput(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + StartTimeout;
        // A "220" greeting from a live process: a bare TCP accept could come from whoever else
        // listens on the port.
        while (!(await GreetsAsync() && !process.HasExited))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var reason = process.HasExited
                    ? $"aiosmtpd exited with code {process.ExitCode}"
                    : $"no SMTP greeting after {StartTimeout.TotalSeconds}s";
                await StopAsync();
                var output = ServerOutput();
                var hint = output.Contains("No module named aiosmtpd", StringComparison.Ordinal)
                    ? " aiosmtpd is not installed for this interpreter (Debian: apt-get install python3-aiosmtpd)."
                    : "";
                return $"The SMTP test server did not start on {Host}:{Port} ({reason}).{hint}\n" +
                    $"Command: {_python} {string.Join(' ', startInfo.ArgumentList)}\nOutput:\n{output}";
            }
            await Task.Delay(50);
        }
        return null;
    }

    private async Task<bool> GreetsAsync()
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
            var greeting = await reader.ReadLineAsync(timeout.Token);
            return greeting?.StartsWith("220", StringComparison.Ordinal) == true;
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private void AppendOutput(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_serverOutput)
        {
            _serverOutput.AppendLine(line);
        }
    }

    // The handler ships inside this assembly and is written next to the Maildir at run time.
    private void WriteHandlerScript()
    {
        using var resource = typeof(SmtpTestServer).Assembly.GetManifestResourceStream(HandlerModule + ".py")
            ?? throw new InvalidOperationException($"Embedded resource {HandlerModule}.py is missing from Codex.Testing.");
        using var file = File.Create(Path.Combine(_rootDirectory, HandlerModule + ".py"));
        resource.CopyTo(file);
    }

    // Written to a temp file and renamed, so the handler never reads half a rules file.
    private void WriteRules()
    {
        var json = JsonSerializer.Serialize(_rules.Select(r => new Dictionary<string, object>
        {
            ["pattern"] = r.Pattern,
            ["code"] = r.Code,
            ["message"] = r.Message,
        }));
        var temp = _rulesFile + ".tmp";
        File.WriteAllText(temp, json);
        File.Move(temp, _rulesFile, overwrite: true);
    }

    private sealed record RejectionRule(string Pattern, int Code, string Message);
}
