using Lapor.Hub.Channels.Messages;

namespace Lapor.Hub.Channels.WebChat;

/// <summary>The stored shape of one Direct Line conversation (JSON through the pinned storage serializer).</summary>
public sealed class DirectLineConversationState
{
    /// <summary>The Direct Line user id bound to the conversation's tokens; null until started.</summary>
    public string? UserId { get; set; }

    /// <summary>Scheme, host and path base the client reached the hub on; media links in bot messages use it.</summary>
    public string? PublicBaseUrl { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>Whether the hub has greeted this conversation (once, not on every reload).</summary>
    public bool Greeted { get; set; }

    /// <summary>The watermark of the newest activity; never goes down, even when old activities are dropped.</summary>
    public long LastSequence { get; set; }

    public DateTimeOffset LastTimestamp { get; set; }

    /// <summary>The newest activities, oldest first, at most <see cref="WebChatOptions.HistoryLimit"/>.</summary>
    public List<StoredActivity> Activities { get; set; } = [];

    /// <summary>The choices of the hub's latest message: a user message equal to one's value is that choice.</summary>
    public List<Choice> OfferedChoices { get; set; } = [];
}

public sealed class StoredActivity
{
    public long Sequence { get; set; }

    public string Id { get; set; } = "";

    public bool FromUser { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    public string? ClientActivityId { get; set; }

    /// <summary>The activity exactly as clients receive it.</summary>
    public string Json { get; set; } = "";

    /// <summary>Whether the inbound handler has taken it (user messages only).</summary>
    public bool Handled { get; set; }

    public string? ChoiceValue { get; set; }
}
