using System.Text.Json.Nodes;
using Lapor.Hub.Channels.Messages;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Channels.WebChat;

/// <summary>
/// Takes a user activity the client posted: stores it (so it is echoed to the client with its server id) and only
/// then hands a message to the <see cref="IInboundMessageHandler"/>. A client retry with the same clientActivityID
/// is not stored twice, and is handed over again only if the first hand-over did not complete.
/// </summary>
internal sealed partial class UserActivityProcessor(
    IGrainFactory grains,
    IInboundMessageHandler handler,
    IHostApplicationLifetime lifetime,
    ILogger<UserActivityProcessor> logger)
{
    public async Task<PostedActivity> PostAsync(string conversationId, JsonObject activity, IReadOnlyList<MediaFile>? media)
    {
        var type = UserActivityReader.TypeOf(activity);
        if (type == "typing")
        {
            // Typing indicators are not kept: they mean nothing once the moment has passed.
            return new PostedActivity($"{conversationId}|typing-{Guid.NewGuid():N}", HandedOver: true);
        }

        var grain = grains.GetGrain<IDirectLineConversationGrain>(conversationId);
        var appended = await grain.AppendUserActivityAsync(activity.ToJsonString(), UserActivityReader.ClientActivityIdOf(activity));
        LogReceived(conversationId, appended.Id, type, appended.IsRetry, media?.Count ?? 0);
        if (type != "message" || appended.Handled)
        {
            return new PostedActivity(appended.Id, HandedOver: true);
        }

        var message = ToInboundMessage(conversationId, activity, appended, media);
        try
        {
            // Not the request's token: a citizen closing the tab must not cut the dialog off halfway.
            await handler.HandleAsync(message, lifetime.ApplicationStopping);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogHandlerFailed(exception, conversationId, appended.Id);
            return new PostedActivity(appended.Id, HandedOver: false);
        }

        await grain.MarkHandledAsync(appended.Id);
        return new PostedActivity(appended.Id, HandedOver: true);
    }

    private static InboundMessage ToInboundMessage(
        string conversationId, JsonObject activity, AppendedUserActivity appended, IReadOnlyList<MediaFile>? media) =>
        new(
            From: new ChannelAddress(WebChatSender.ChannelName, conversationId),
            MessageId: appended.Id,
            ReceivedAt: appended.Timestamp,
            Text: UserActivityReader.TextOf(activity) is { Length: > 0 } text ? text : null,
            ChoiceValue: appended.ChoiceValue,
            Media: media is { Count: > 0 } ? media : null,
            SenderName: activity["from"]?["name"] is JsonValue name && name.TryGetValue<string>(out var sender) ? sender : null,
            LanguageCode: LanguageOf(activity));

    /// <summary>"id-ID" → "id": the language, as Telegram reports it too.</summary>
    private static string? LanguageOf(JsonObject activity) =>
        activity["locale"] is JsonValue value && value.TryGetValue<string>(out var locale) && locale.Length >= 2
            ? locale.Split('-', '_')[0].ToLowerInvariant()
            : null;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Direct Line conversation {ConversationId}: {ActivityType} activity {ActivityId} received (retry: {IsRetry}, files: {FileCount})")]
    private partial void LogReceived(string conversationId, string activityId, string activityType, bool isRetry, int fileCount);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Direct Line conversation {ConversationId}: the inbound handler failed on activity {ActivityId}; a client retry hands it over again")]
    private partial void LogHandlerFailed(Exception exception, string conversationId, string activityId);
}

internal sealed record PostedActivity(string Id, bool HandedOver);
