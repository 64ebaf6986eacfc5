using System.Collections.Concurrent;
using Lapor.Hub.Channels.Messages;

namespace Lapor.Hub.Tests.Channels.Telegram;

/// <summary>Stands in for the conversation: keeps every message it is given, and can be told to fail.</summary>
public sealed class RecordingInboundHandler : IInboundMessageHandler
{
    private readonly ConcurrentQueue<InboundMessage> _handled = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _held = new();
    private readonly ConcurrentDictionary<string, bool> _started = new();
    private readonly ConcurrentDictionary<string, bool> _cancelled = new();
    private int _failuresLeft;
    private int _attempts;

    public IReadOnlyList<InboundMessage> Handled => [.. _handled];

    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Fail the next <paramref name="count"/> calls, as a broken dialog would (int.MaxValue: always).</summary>
    public void FailNext(int count) => Volatile.Write(ref _failuresLeft, count);

    /// <summary>Messages from <paramref name="from"/> stay in the dialog until <see cref="Release"/>, as a slow dialog would.</summary>
    public void Hold(ChannelAddress from) => _held[from.ToString()] = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release(ChannelAddress from)
    {
        if (_held.TryRemove(from.ToString(), out var gate))
        {
            gate.TrySetResult();
        }
    }

    /// <summary>The dialog has been given this message (it may still be holding it).</summary>
    public bool HasStarted(string messageId) => _started.ContainsKey(messageId);

    /// <summary>The hub gave up waiting for this message's handling (its handling timeout).</summary>
    public bool WasCancelled(string messageId) => _cancelled.ContainsKey(messageId);

    public async Task HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        _started[message.MessageId] = true;
        if (_held.TryGetValue(message.From.ToString(), out var gate))
        {
            try
            {
                await gate.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                _cancelled[message.MessageId] = true;
                throw;
            }
        }

        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new InvalidOperationException("The dialog failed (test).");
        }

        Interlocked.Exchange(ref _failuresLeft, 0);
        _handled.Enqueue(message);
    }

    public Task<InboundMessage> WaitForAsync(string messageId) =>
        Eventually.ValueAsync(() => Handled.FirstOrDefault(message => message.MessageId == messageId));
}

public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public static async Task<T> ValueAsync<T>(Func<T?> probe, TimeSpan? timeout = null) where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Nothing arrived in time.");
            }

            await Task.Delay(25);
        }
    }

    public static Task TrueAsync(Func<bool> condition, TimeSpan? timeout = null) =>
        ValueAsync(() => condition() ? "yes" : null, timeout);
}
