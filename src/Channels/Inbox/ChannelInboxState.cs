using Lapor.Hub.Channels.Queues;

namespace Lapor.Hub.Channels.Inbox;

/// <summary>One address's inbox, stored as JSON by the hub's grain storage.</summary>
public sealed class ChannelInboxState
{
    /// <summary>Provider message IDs already accepted, newest last; bounded by <see cref="InboxOptions.RememberedMessageIds"/>.</summary>
    public List<string> RecentMessageIds { get; set; } = [];

    /// <summary>Accepted messages not yet handed to the conversation, oldest first.</summary>
    public List<PendingInbound> Pending { get; set; } = [];

    /// <summary>The last messages given up on, kept for the operator.</summary>
    public List<PendingInbound> GivenUp { get; set; } = [];
}

/// <summary>An accepted provider message with its handling attempts so far.</summary>
public sealed record PendingInbound(
    InboundEnvelope Envelope,
    int Attempts = 0,
    string? LastError = null,
    DateTimeOffset? NextAttemptAt = null) : IQueueItem<PendingInbound>
{
    public PendingInbound Attempted(string? error, DateTimeOffset? nextAttemptAt) =>
        this with { Attempts = Attempts + 1, NextAttemptAt = nextAttemptAt, LastError = error };
}
