using Lapor.Hub.Channels.Messages;

namespace Lapor.Hub.Channels.Outbox;

/// <summary>The durable queue of messages to one citizen's chat, keyed by <see cref="ChannelAddress"/> ("telegram:12345").</summary>
[Alias("Lapor.Hub.IOutboxGrain")]
public interface IOutboxGrain : IGrainWithStringKey
{
    /// <summary>Records the message, then delivers it in order. A key already enqueued or delivered is ignored.</summary>
    [Alias("Enqueue")]
    Task Enqueue(string key, OutboundMessage message, ReportEventRef? about);

    [Alias("GetPending")]
    Task<int> CountPending();
}

public static class OutboxGrainExtensions
{
    public static IOutboxGrain GetOutbox(this IGrainFactory grains, ChannelAddress address) =>
        grains.GetGrain<IOutboxGrain>(address.ToString());
}
