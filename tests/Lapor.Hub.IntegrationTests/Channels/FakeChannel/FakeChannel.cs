using Lapor.Hub.Channels.Hosting;
using Lapor.Hub.Channels.Messages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Channels.FakeChannel;

/// <summary>
/// A whole channel through the adapter contract alone, as WhatsApp or SMS would be: its name, one inbound HTTP
/// endpoint, a sender and its pacing. Nothing else in the hub is edited to run it.
/// </summary>
public sealed class FakeChannel : IChannelAdapter
{
    public const string ChannelName = "fake";

    public const string InboundPath = "/fake-channel/messages";

    public const int PerSecond = 50;

    public string Name => ChannelName;

    public ChannelPacing Pacing { get; } = new(PerChannelPerSecond: PerSecond);

    public void AddServices(IServiceCollection services, ChannelHostContext context)
    {
        services.AddSingleton<FakeChannelSender>();
        services.AddSingleton<IChannelSender>(provider => provider.GetRequiredService<FakeChannelSender>());
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(InboundPath, async (FakeInboundMessage body, IInboundMessageHandler handler, CancellationToken cancellationToken) =>
        {
            await handler.HandleAsync(new InboundMessage(
                new ChannelAddress(ChannelName, body.Chat), body.MessageId, DateTimeOffset.UtcNow, body.Text, body.Choice), cancellationToken);
            return Results.Ok();
        });
}

/// <summary>The fake provider's wire format: a chat, the provider's message id, and a text or a tapped choice.</summary>
public sealed record FakeInboundMessage(string Chat, string MessageId, string? Text = null, string? Choice = null);
