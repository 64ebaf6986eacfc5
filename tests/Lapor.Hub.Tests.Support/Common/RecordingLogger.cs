using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Tests.Infrastructure;

/// <summary>Keeps every log entry with its structured properties, for tests that check what was reported; safe from many threads.</summary>
public sealed class RecordingLogger : ILogger
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var properties = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        _entries.Enqueue(new LogEntry(logLevel, formatter(state, exception), properties.ToDictionary(), exception));
    }
}

/// <summary>One recorded entry: its level, the rendered message, the template's values by name (with <c>{OriginalFormat}</c>), and the exception logged with it.</summary>
public sealed record LogEntry(LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Properties, Exception? Exception = null);
