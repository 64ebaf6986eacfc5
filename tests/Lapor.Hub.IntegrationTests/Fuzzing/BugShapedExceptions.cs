using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Tests.Fuzzing;

/// <summary>
/// Records every logged exception that only a bug throws (a null dereference, an index out of range, a failed cast, an
/// unchecked parse): hostile input must be refused where it enters, never reach code that trusts it — in a request or in
/// a grain working in the background after the request was answered.
/// </summary>
public sealed class BugShapedExceptions : ILoggerProvider
{
    private static readonly Type[] BugTypes =
    [
        typeof(NullReferenceException), typeof(IndexOutOfRangeException), typeof(InvalidCastException), typeof(KeyNotFoundException),
        typeof(ArgumentOutOfRangeException), typeof(ArgumentNullException), typeof(OverflowException), typeof(FormatException),
        typeof(DivideByZeroException), typeof(NotImplementedException), typeof(System.Text.DecoderFallbackException),
        typeof(System.Text.EncoderFallbackException),
    ];

    private readonly ConcurrentQueue<string> _found = new();
    private readonly ConcurrentQueue<string> _errors = new();

    public IReadOnlyList<string> Found => [.. _found];

    /// <summary>Every error logged with its exception, bug-shaped or not: the diagnosis of a 5xx.</summary>
    public IReadOnlyList<string> Errors => [.. _errors];

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _found, _errors);

    public void Dispose()
    {
    }

    private static bool IsBugShaped(Exception? error) => error switch
    {
        null => false,
        AggregateException many => many.InnerExceptions.Any(IsBugShaped),
        _ => BugTypes.Contains(error.GetType()) || IsBugShaped(error.InnerException),
    };

    private sealed class Recorder(string category, ConcurrentQueue<string> found, ConcurrentQueue<string> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null && logLevel >= LogLevel.Error)
            {
                errors.Enqueue($"{category}: {exception.GetType().Name}: {exception.Message}");
            }

            if (IsBugShaped(exception))
            {
                found.Enqueue($"{category}: {formatter(state, exception)} — {exception}");
            }
        }
    }
}
