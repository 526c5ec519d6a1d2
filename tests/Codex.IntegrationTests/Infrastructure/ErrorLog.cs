using System.Collections.Concurrent;
using System.Diagnostics;
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
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _byTrace = new(StringComparer.Ordinal);

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

    /// <summary>
    /// A W3C <c>traceparent</c> header value with a fresh trace id: the host continues that trace,
    /// so what it logs while answering the request can be found again with <see cref="OfTrace"/>,
    /// even while other requests run at the same time.
    /// </summary>
    public static (string Header, string TraceId) NewTrace()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        return ($"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01", traceId);
    }

    /// <summary>The errors logged while a request with this trace id was answered.</summary>
    public IReadOnlyList<string> OfTrace(string traceId) =>
        _byTrace.TryRemove(traceId, out var entries) ? [.. entries] : [];

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
                var entry = exception is null ? formatter(state, exception) : Describe(exception);
                log._entries.Enqueue(entry);
                if (Activity.Current?.TraceId.ToHexString() is { } traceId)
                {
                    log._byTrace.GetOrAdd(traceId, _ => new ConcurrentQueue<string>()).Enqueue(entry);
                }
            }
        }
    }
}
