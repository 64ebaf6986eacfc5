using System.Threading.Channels;

namespace Lapor.Hub.Routing.Hosting;

/// <summary>
/// Retraining asked for by an admin: the request returns at once and the hub's routing service trains in the
/// background. Requests made while one is already waiting are the same request.
/// </summary>
public sealed class RetrainRequests
{
    private readonly Channel<bool> _pending = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Asks for a retraining; false when one is already waiting to start (the channel holds one request).</summary>
    public bool Request() => _pending.Writer.TryWrite(true);

    /// <summary>Whether a request is waiting to start.</summary>
    public bool IsPending => _pending.Reader.Count > 0;

    internal async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _pending.Reader.ReadAsync(cancellationToken);
    }
}
