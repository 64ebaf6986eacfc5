using Lapor.Hub.Channels.Messages;
using Orleans.Concurrency;

namespace Lapor.Hub.Channels.Inbox;

/// <summary>
/// The inbox of one citizen's address on a webhook channel (key: the <see cref="ChannelAddress"/>, "sms:628123…").
/// A webhook answers 2xx only after <see cref="Accept"/> stored the provider's message: it is then handled once, in
/// order, even across a restart. A provider message ID seen before (a redelivery) is refused as a duplicate.
/// </summary>
[Alias("Lapor.Hub.IChannelInboxGrain")]
public interface IChannelInboxGrain : IGrainWithStringKey
{
    /// <remarks>Interleaves, so messages of one address that arrive together share a write.</remarks>
    [Alias("Accept"), AlwaysInterleave]
    Task<InboxAcceptance> Accept(InboundEnvelope envelope);

    [Alias("GetStatus")]
    Task<ChannelInboxStatus> GetStatus();
}

/// <summary>
/// A provider's message as it arrived, before parsing into an <see cref="InboundMessage"/>: <see cref="Provider"/> names the
/// <see cref="IInboundProcessor"/> that will read <see cref="Body"/> (the provider's raw payload: form fields, JSON).
/// </summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.InboundEnvelope")]
public sealed record InboundEnvelope(
    [property: Id(0)] string MessageId,
    [property: Id(1)] string Provider,
    [property: Id(2)] string Body,
    [property: Id(3)] DateTimeOffset ReceivedAt);

[GenerateSerializer, Immutable, Alias("Lapor.Hub.ChannelInboxStatus")]
public sealed record ChannelInboxStatus(
    [property: Id(0)] int RememberedMessageIds,
    [property: Id(1)] int Pending,
    [property: Id(2)] int GivenUp);

public static class ChannelInboxGrainExtensions
{
    public static IChannelInboxGrain GetInbox(this IGrainFactory grains, ChannelAddress address) =>
        grains.GetGrain<IChannelInboxGrain>(address.ToString());
}
