using System.Collections.Concurrent;
using Codex.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Codex.IntegrationTests.Infrastructure;

/// <summary>
/// The errors the host logs (level Error and above, with their exceptions), captured from a
/// running host so a test can say which exception stood behind a 500.
/// </summary>
public sealed class ErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    /// <summary>Starts capturing the errors of a host that has already started.</summary>
    public static ErrorLog Attach(CodexApplicationFactory factory)
    {
        var log = new ErrorLog();
        factory.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
        return log;
    }

    /// <summary>The errors logged since the last call, one line each (exception type, message, where).</summary>
    public IReadOnlyList<string> Drain()
    {
        var drained = new List<string>();
        while (_entries.TryDequeue(out var entry))
        {
            drained.Add(entry);
        }

        return drained;
    }

    public ILogger CreateLogger(string categoryName) => new Capture(this);

    public void Dispose()
    {
    }

    private static string Describe(Exception exception)
    {
        var chain = new List<Exception>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            chain.Add(e);
        }

        var innermost = chain[^1];
        var where = chain.SelectMany(e => e.StackTrace?.Split('\n') ?? [])
            .Select(l => l.Trim())
            .FirstOrDefault(l => l.Contains("Codex.", StringComparison.Ordinal)) ?? "";
        var message = innermost.Message.Length > 300 ? innermost.Message[..300] + "…" : innermost.Message;
        return $"{innermost.GetType().Name}: {message} {where}".Trim();
    }

    private sealed class Capture(ErrorLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                log._entries.Enqueue(exception is null ? formatter(state, exception) : Describe(exception));
            }
        }
    }
}
