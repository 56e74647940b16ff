using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MiniPaas.Scheduler.Tests.Infrastructure;

/// <summary>An in-memory logger provider, so tests can read structured log entries by event id.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<CapturedLog> Entries { get; } = new();

    public IReadOnlyList<CapturedLog> WithEventId(int eventId) => Entries.Where(e => e.EventId == eventId).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        // Nothing to release: entries stay readable after the host stops.
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            owner.Entries.Enqueue(new CapturedLog(
                category,
                eventId.Id,
                logLevel,
                formatter(state, exception),
                properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)));
        }
    }
}
