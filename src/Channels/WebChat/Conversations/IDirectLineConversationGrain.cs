using Lapor.Hub.Channels.Messages;
using Orleans.Concurrency;

namespace Lapor.Hub.Channels.WebChat;

/// <summary>
/// One Direct Line conversation (key: its conversation id): every activity in it, user and bot, with monotonic
/// watermarks, durable across restarts, and the live streams listening for new ones.
/// </summary>
[Alias("Lapor.Hub.IDirectLineConversationGrain")]
public interface IDirectLineConversationGrain : IGrainWithStringKey
{
    /// <summary>Records the conversation's user and public address; true the first time.</summary>
    [Alias("Start")]
    Task<bool> StartAsync(string userId, string publicBaseUrl);

    /// <summary>
    /// Stores a user activity (already validated, without server fields) and returns the server's view of it. An
    /// activity whose clientActivityID was seen before is not stored again: the first one is returned, marked as a retry.
    /// </summary>
    [Alias("AppendUserActivity")]
    Task<AppendedUserActivity> AppendUserActivityAsync(string activityJson, string? clientActivityId);

    /// <summary>Notes that the inbound handler has taken the activity, so a client retry does not hand it over again.</summary>
    [Alias("MarkHandled")]
    Task MarkHandledAsync(string activityId);

    /// <summary>True the first time only: the conversation is to be greeted now.</summary>
    [Alias("MarkGreeted")]
    Task<bool> MarkGreetedAsync();

    /// <summary>Appends a message from the hub; null if the conversation was never started.</summary>
    [Alias("AppendBotMessage")]
    Task<string?> AppendBotMessageAsync(OutboundMessage message);

    /// <summary>The kept activities after <paramref name="watermark"/> (all kept ones when null).</summary>
    [Alias("GetActivities")]
    Task<ActivityPage> GetActivitiesAsync(long? watermark);

    /// <summary>Subscribes a live stream; repeat at least every few minutes or the subscription lapses.</summary>
    [Alias("Subscribe")]
    Task SubscribeAsync(IDirectLineConversationObserver observer);

    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(IDirectLineConversationObserver observer);
}

/// <summary>Told when activities were appended; the listener then reads them by watermark.</summary>
[Alias("Lapor.Hub.IDirectLineConversationObserver")]
public interface IDirectLineConversationObserver : IGrainObserver
{
    [OneWay, Alias("ActivitiesAppended")]
    Task ActivitiesAppended(long watermark);
}

/// <summary>A stored user activity as the server sees it.</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.DirectLine.AppendedUserActivity")]
public sealed record AppendedUserActivity(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset Timestamp,
    [property: Id(2)] bool IsRetry,
    [property: Id(3)] bool Handled,
    [property: Id(4)] string? ChoiceValue);

/// <summary>Activities as JSON texts, and the watermark to ask from next time.</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.DirectLine.ActivityPage")]
public sealed record ActivityPage([property: Id(0)] IReadOnlyList<string> Activities, [property: Id(1)] long Watermark);
