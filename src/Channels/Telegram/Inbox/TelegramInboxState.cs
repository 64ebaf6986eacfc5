using Lapor.Hub.Channels.Queues;

namespace Lapor.Hub.Channels.Telegram.Inbox;

/// <summary>One chat's inbox, stored as JSON by the hub's grain storage.</summary>
public sealed class TelegramInboxState
{
    /// <summary>Update ids already accepted, ascending, at most <see cref="TelegramOptions.RememberedUpdateIds"/>.</summary>
    public List<long> RecentUpdateIds { get; set; } = [];

    /// <summary>Accepted updates not yet handed to the conversation, oldest first.</summary>
    public List<PendingUpdate> Pending { get; set; } = [];

    /// <summary>The last updates given up after <see cref="TelegramOptions.MaxHandlingAttempts"/>, kept for the operator.</summary>
    public List<PendingUpdate> GivenUp { get; set; } = [];
}

/// <summary>An accepted update as Telegram sent it (raw JSON), with its handling attempts so far.</summary>
public sealed record PendingUpdate(
    long UpdateId,
    string Json,
    DateTimeOffset ReceivedAt,
    int Attempts = 0,
    string? LastError = null,
    DateTimeOffset? NextAttemptAt = null) : IQueueItem<PendingUpdate>
{
    public PendingUpdate Attempted(string? error, DateTimeOffset? nextAttemptAt) =>
        this with { Attempts = Attempts + 1, NextAttemptAt = nextAttemptAt, LastError = error };
}
