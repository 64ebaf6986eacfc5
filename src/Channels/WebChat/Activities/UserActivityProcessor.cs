using System.Text.Json.Nodes;
using Lapor.Hub.Channels.Conversations;
using Lapor.Hub.Channels.Messages;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
    TimeProvider time,
    IOptions<WebChatOptions> options,
    ILogger<UserActivityProcessor> logger)
{
    /// <summary>The event the home page posts each time it connects; the first one in a conversation is greeted.</summary>
    public const string JoinEventName = "webchat/join";

    /// <summary>What a greeting hands the dialog: the command Telegram clients send on open, which the dialog answers with its welcome.</summary>
    public const string GreetingCommand = "/start";

    public async Task<PostedActivity> PostAsync(string conversationId, JsonObject activity, IReadOnlyList<MediaFile>? media)
    {
        var type = UserActivityReader.TypeOf(activity);
        if (type == "typing")
        {
            // Typing indicators are not kept: they mean nothing once the moment has passed.
            return new PostedActivity($"{conversationId}|typing-{Guid.NewGuid():N}", HandedOver: true);
        }

        var grain = grains.GetGrain<IDirectLineConversationGrain>(conversationId);
        if (type == "event" && UserActivityReader.NameOf(activity) == JoinEventName)
        {
            // Not kept either (Web Chat shows no events); only the conversation's first join is greeted, not every reload.
            return await grain.MarkGreetedAsync()
                ? await HandOverAsync(grain, conversationId, Greeting(conversationId, activity), activityId: null)
                : new PostedActivity($"{conversationId}|join-{Guid.NewGuid():N}", HandedOver: true);
        }

        var appended = await grain.AppendUserActivityAsync(activity.ToJsonString(), UserActivityReader.ClientActivityIdOf(activity));
        LogReceived(conversationId, appended.Id, type, appended.IsRetry, media?.Count ?? 0);
        if (type != "message" || appended.Handled)
        {
            return new PostedActivity(appended.Id, HandedOver: true);
        }

        if (UserActivityReader.IsTooLong(activity, options.Value))
        {
            // The citizen sees their message and, right under it, why the hub did not take it, in their language.
            var reason = DialogTexts.Get(UserActivityReader.LanguageOf(activity) ?? DialogTexts.Indonesian, "MessageTooLong",
                UserActivityReader.TextOf(activity)!.Length, options.Value.MaxTextLength);
            await grain.MarkHandledAsync(appended.Id);
            await grain.AppendBotMessageAsync(new OutboundMessage(reason));
            LogTooLong(conversationId, appended.Id);
            return new PostedActivity(appended.Id, HandedOver: true);
        }

        return await HandOverAsync(grain, conversationId, ToInboundMessage(conversationId, activity, appended, media), appended.Id);
    }

    private async Task<PostedActivity> HandOverAsync(
        IDirectLineConversationGrain grain, string conversationId, InboundMessage message, string? activityId)
    {
        try
        {
            // Not the request's token: a citizen closing the tab must not cut the dialog off halfway.
            await handler.HandleAsync(message, lifetime.ApplicationStopping);
        }
        // A storage outage or a node failing over is answered 503 with Retry-After (StorageOutageProblems), like every other
        // entrance: the client sends the same activity again. Anything else is Direct Line's 502 BotError.
        catch (Exception exception) when (exception is not OperationCanceledException && !Lapor.Hub.Outages.StorageOutage.Caused(exception))
        {
            LogHandlerFailed(exception, conversationId, message.MessageId);
            return new PostedActivity(message.MessageId, HandedOver: false);
        }

        if (activityId is not null)
        {
            await grain.MarkHandledAsync(activityId);
        }

        return new PostedActivity(message.MessageId, HandedOver: true);
    }

    private InboundMessage Greeting(string conversationId, JsonObject joinEvent) =>
        new(
            From: new ChannelAddress(WebChatSender.ChannelName, conversationId),
            MessageId: $"{conversationId}|join",
            ReceivedAt: time.GetUtcNow(),
            Text: GreetingCommand,
            LanguageCode: UserActivityReader.LanguageOf(joinEvent));

    private static InboundMessage ToInboundMessage(
        string conversationId, JsonObject activity, AppendedUserActivity appended, IReadOnlyList<MediaFile>? media) =>
        new(
            From: new ChannelAddress(WebChatSender.ChannelName, conversationId),
            MessageId: appended.Id,
            ReceivedAt: appended.Timestamp,
            Text: UserActivityReader.TextOf(activity) is { Length: > 0 } text ? text : null,
            ChoiceValue: appended.ChoiceValue,
            Location: UserActivityReader.LocationOf(activity),
            Media: media is { Count: > 0 } ? media : null,
            SenderName: activity["from"]?["name"] is JsonValue name && name.TryGetValue<string>(out var sender) ? sender : null,
            LanguageCode: UserActivityReader.LanguageOf(activity));

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Direct Line conversation {ConversationId}: message {ActivityId} is longer than the hub takes; answered with the reason")]
    private partial void LogTooLong(string conversationId, string activityId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Direct Line conversation {ConversationId}: {ActivityType} activity {ActivityId} received (retry: {IsRetry}, files: {FileCount})")]
    private partial void LogReceived(string conversationId, string activityId, string activityType, bool isRetry, int fileCount);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Direct Line conversation {ConversationId}: the inbound handler failed on activity {ActivityId}; a client retry hands it over again")]
    private partial void LogHandlerFailed(Exception exception, string conversationId, string activityId);
}

internal sealed record PostedActivity(string Id, bool HandedOver);
