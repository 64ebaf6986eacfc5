using Lapor.Hub.Channels.Media;
using Lapor.Hub.Channels.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace Lapor.Hub.Channels.WebChat;

[GrainType("directline-conversation")]
public sealed partial class DirectLineConversationGrain : Grain, IDirectLineConversationGrain
{
    private readonly IPersistentState<DirectLineConversationState> _stored;
    private readonly WebChatOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DirectLineConversationGrain> _logger;
    private readonly MediaGrants _mediaGrants;
    private readonly ObserverManager<IDirectLineConversationObserver> _streams;

    public DirectLineConversationGrain(
        [PersistentState("directline", GrainStorage.Name)] IPersistentState<DirectLineConversationState> stored,
        IOptions<WebChatOptions> options,
        TimeProvider time,
        MediaGrants mediaGrants,
        ILogger<DirectLineConversationGrain> logger)
    {
        _stored = stored;
        _mediaGrants = mediaGrants;
        _options = options.Value;
        _time = time;
        _logger = logger;
        // Streams re-subscribe on every keep-alive; a stream gone without unsubscribing lapses after a few missed ones.
        var expiry = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(1).Ticks, 4 * _options.StreamKeepAliveInterval.Ticks));
        _streams = new ObserverManager<IDirectLineConversationObserver>(expiry, logger);
    }

    private DirectLineConversationState State => _stored.State;

    private string ConversationId => this.GetPrimaryKeyString();

    public async Task<bool> StartAsync(string userId, string publicBaseUrl)
    {
        var isNew = State.UserId is null;
        if (!isNew && State.PublicBaseUrl == publicBaseUrl)
        {
            return false;
        }

        State.UserId ??= userId;
        State.StartedAt ??= _time.GetUtcNow();
        State.PublicBaseUrl = publicBaseUrl;
        await SaveAsync();
        if (isNew)
        {
            LogStarted(ConversationId);
        }

        return isNew;
    }

    public async Task<AppendedUserActivity> AppendUserActivityAsync(string activityJson, string? clientActivityId)
    {
        if (clientActivityId is not null
            && State.Activities.Find(kept => kept.FromUser && kept.ClientActivityId == clientActivityId) is { } earlier)
        {
            LogRetry(ConversationId, earlier.Id);
            return new AppendedUserActivity(earlier.Id, earlier.Timestamp, IsRetry: true, earlier.Handled, earlier.ChoiceValue);
        }

        var (sequence, id, timestamp) = NextActivity();
        var json = ActivityJson.StampUserActivity(activityJson, id, timestamp, ConversationId);
        var choiceValue = OfferedChoiceIn(json);
        Keep(new StoredActivity
        {
            Sequence = sequence, Id = id, FromUser = true, ClientActivityId = clientActivityId,
            Timestamp = timestamp, Json = json, ChoiceValue = choiceValue,
        });
        await SaveAsync();
        await NotifyStreamsAsync();
        return new AppendedUserActivity(id, timestamp, IsRetry: false, Handled: false, choiceValue);
    }

    public async Task MarkHandledAsync(string activityId)
    {
        if (State.Activities.Find(kept => kept.Id == activityId) is { Handled: false } activity)
        {
            activity.Handled = true;
            await SaveAsync();
        }
    }

    public async Task<bool> MarkGreetedAsync()
    {
        if (State.Greeted)
        {
            return false;
        }

        State.Greeted = true;
        await SaveAsync();
        return true;
    }

    public async Task<string?> AppendBotMessageAsync(OutboundMessage message)
    {
        if (State.UserId is not { } userId)
        {
            return null;
        }

        var (sequence, id, timestamp) = NextActivity();
        // A file sent to the citizen may belong to a report only they (not the public) may see: its link carries a grant.
        var json = ActivityJson.BotMessage(message, id, timestamp, ConversationId, userId, State.PublicBaseUrl,
            file => _mediaGrants.Link(file.Id, MediaGrants.ChatLifetime));
        Keep(new StoredActivity { Sequence = sequence, Id = id, Timestamp = timestamp, Json = json });
        State.OfferedChoices = message.Choices?.ToList() ?? [];
        await SaveAsync();
        await NotifyStreamsAsync();
        return id;
    }

    public Task<ActivityPage> GetActivitiesAsync(long? watermark)
    {
        var after = watermark ?? 0;
        var activities = State.Activities.Where(kept => kept.Sequence > after).Select(kept => kept.Json).ToList();
        return Task.FromResult(new ActivityPage(activities, State.LastSequence));
    }

    public Task SubscribeAsync(IDirectLineConversationObserver observer)
    {
        _streams.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IDirectLineConversationObserver observer)
    {
        _streams.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private (long Sequence, string Id, DateTimeOffset Timestamp) NextActivity()
    {
        var sequence = State.LastSequence + 1;
        // Web Chat orders by timestamp: each activity gets a later one than the one before, even within a clock tick.
        var now = _time.GetUtcNow();
        var timestamp = now > State.LastTimestamp ? now : State.LastTimestamp.AddTicks(10);
        return (sequence, ActivityJson.ActivityId(ConversationId, sequence), timestamp);
    }

    private void Keep(StoredActivity activity)
    {
        State.LastSequence = activity.Sequence;
        State.LastTimestamp = activity.Timestamp;
        State.Activities.Add(activity);
        var excess = State.Activities.Count - Math.Max(1, _options.HistoryLimit);
        if (excess > 0)
        {
            State.Activities.RemoveRange(0, excess);
        }
    }

    private string? OfferedChoiceIn(string activityJson)
    {
        var text = System.Text.Json.Nodes.JsonNode.Parse(activityJson)?["text"]?.GetValue<string>()?.Trim();
        return text is null ? null : State.OfferedChoices.Find(choice => choice.Value == text)?.Value;
    }

    private Task NotifyStreamsAsync()
    {
        var watermark = State.LastSequence;
        // One-way calls: a slow or vanished stream cannot hold the conversation up.
        return _streams.Notify(stream => stream.ActivitiesAppended(watermark));
    }

    private async Task SaveAsync()
    {
        try
        {
            await _stored.WriteStateAsync();
        }
        catch
        {
            // The state in memory is now ahead of storage: start again from storage on the next call.
            DeactivateOnIdle();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Direct Line conversation {ConversationId} started")]
    private partial void LogStarted(string conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Direct Line conversation {ConversationId}: client retry of activity {ActivityId}, not stored again")]
    private partial void LogRetry(string conversationId, string activityId);
}
