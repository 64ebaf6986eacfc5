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

    /// <summary>
    /// A provider's status callback about a message this outbox sent (<see cref="DeliveryResult.AwaitsReceipt"/>): recorded on
    /// the sent entry and on the report's history. Unknown IDs (a message of another outbox, one forgotten long ago) are ignored.
    /// </summary>
    [Alias("RecordProviderStatus")]
    Task RecordProviderStatus(string providerMessageId, ProviderStatus status, string? errorCode);

    /// <summary>
    /// The provider refused the sent message <paramref name="providerMessageId"/> in a way another form can mend (WhatsApp's
    /// window closed: the template instead): <paramref name="replacement"/> is queued under <paramref name="key"/> about the same
    /// report event, so its receipts show on the report's history. False (nothing queued) if the message is not known.
    /// </summary>
    [Alias("Replace")]
    Task<bool> Replace(string providerMessageId, string key, OutboundMessage replacement);
}

public static class OutboxGrainExtensions
{
    public static IOutboxGrain GetOutbox(this IGrainFactory grains, ChannelAddress address) =>
        grains.GetGrain<IOutboxGrain>(address.ToString());
}
