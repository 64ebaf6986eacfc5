using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Reports;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Channels.WebChat;

/// <summary>
/// Sends to a web chat: the message becomes a bot activity in the Direct Line conversation (the address id), which
/// pushes it to the open WebSocket streams and keeps it for polling and reconnecting clients.
/// </summary>
public sealed partial class WebChatSender(IGrainFactory grains, ILogger<WebChatSender> logger) : IChannelSender
{
    /// <summary>The channel name of web chat addresses; their id is the Direct Line conversation id.</summary>
    public const string ChannelName = ChannelNames.Web;

    public string Channel => ChannelName;

    public async Task<DeliveryResult> SendAsync(ChannelAddress to, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(message);
        if (to.Channel != Channel)
        {
            return new DeliveryResult(DeliveryStatus.Failed, Error: $"Not a web chat address: {to}.");
        }

        try
        {
            var activityId = await grains.GetGrain<IDirectLineConversationGrain>(to.Id)
                .AppendBotMessageAsync(message)
                .WaitAsync(cancellationToken);
            if (activityId is null)
            {
                return new DeliveryResult(DeliveryStatus.Failed, Error: $"Web chat conversation {to.Id} was never started.");
            }

            LogSent(to.Id, activityId, message.Choices?.Count ?? 0);
            return DeliveryResult.Delivered(activityId);
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException)
        {
            LogSendFailed(exception, to.Id);
            return new DeliveryResult(DeliveryStatus.RetryLater, Error: exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Web chat {ConversationId}: hub message {ActivityId} appended ({ChoiceCount} choices)")]
    private partial void LogSent(string conversationId, string activityId, int choiceCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Web chat {ConversationId}: the hub message could not be appended; retry later")]
    private partial void LogSendFailed(Exception exception, string conversationId);
}
