using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Channels.Hosting;

/// <summary>
/// A channel as the host sees it: one folder with one of these. The host registers every adapter with
/// <see cref="ChannelRegistry.AddHubChannels"/> and maps them with <see cref="ChannelRegistry.MapHubChannels"/>;
/// nothing else in the hub names a channel. Inbound messages go to <c>IInboundMessageHandler</c>; replies come back
/// through the <c>IChannelSender</c> the adapter registers for <see cref="Name"/>, paced by <see cref="Pacing"/>.
/// </summary>
public interface IChannelAdapter
{
    /// <summary>The name reports store and addresses carry (a <c>ChannelNames</c> constant).</summary>
    string Name { get; }

    /// <summary>The provider's limits the outbox keeps to; configuration (<c>Outbox:PerChatInterval</c>, <c>Outbox:PerChannelPerSecond</c>) overrides them.</summary>
    ChannelPacing Pacing { get; }

    /// <summary>Registers the channel's options, its <c>IChannelSender</c> for <see cref="Name"/> and whatever its endpoints need.</summary>
    void AddServices(IServiceCollection services, ChannelHostContext context);

    /// <summary>Maps the channel's inbound endpoints (webhooks, Direct Line).</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints);
}

/// <summary>What the host gives a channel to register itself with.</summary>
public sealed record ChannelHostContext(IConfiguration Configuration, string DataDirectory);

/// <summary>How fast the outbox may send on a channel: least time between two messages to one chat, most messages a second from one silo. Null: no limit.</summary>
public sealed record ChannelPacing(TimeSpan? PerChatInterval = null, int? PerChannelPerSecond = null)
{
    public static ChannelPacing Unlimited { get; } = new();
}
