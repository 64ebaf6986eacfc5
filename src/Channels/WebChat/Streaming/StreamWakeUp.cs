namespace Lapor.Hub.Channels.WebChat;

/// <summary>The grain observer behind one WebSocket stream: a nudge that new activities are there to read.</summary>
internal sealed class StreamWakeUp : IDirectLineConversationObserver, IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public Task ActivitiesAppended(long watermark)
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already nudged and not yet read: one nudge reads everything new.
        }

        return Task.CompletedTask;
    }

    /// <summary>True when nudged, false when <paramref name="timeout"/> passed first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}
