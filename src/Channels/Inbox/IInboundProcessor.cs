using Lapor.Hub.Channels.Messages;

namespace Lapor.Hub.Channels.Inbox;

/// <summary>
/// Reads one provider's stored payloads (<see cref="InboundEnvelope.Provider"/> equals <see cref="Provider"/>): parses
/// the body, fetches and stores its media, and hands the message on to the <see cref="IInboundMessageHandler"/>.
/// Throws when the message should be tried again later; the inbox retries with backoff.
/// </summary>
public interface IInboundProcessor
{
    string Provider { get; }

    Task ProcessAsync(ChannelAddress from, PendingInbound pending, CancellationToken cancellationToken);
}
