using Lapor.Hub.Channels.Messages;

namespace Lapor.Hub.Channels.Conversations;

/// <summary>Every channel hands its parsed messages here; the citizen's conversation grain takes it from there.</summary>
public sealed class ConversationInboundHandler(IGrainFactory grains) : IInboundMessageHandler
{
    public Task HandleAsync(InboundMessage message, CancellationToken cancellationToken) =>
        grains.GetConversation(message.From).Receive(message);
}
