using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Tests.Calendar;

/// <summary>Records every log entry, including its structured properties; safe to use from many threads.</summary>
internal sealed class CapturingLogger : ILogger
{
    private readonly ConcurrentQueue<LogEntry> entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. entries];

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var properties = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        entries.Enqueue(new LogEntry(logLevel, formatter(state, exception), properties.ToDictionary()));
    }

    public bool IsEnabled(LogLevel logLevel) => true;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
}

internal sealed record LogEntry(LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Properties);
