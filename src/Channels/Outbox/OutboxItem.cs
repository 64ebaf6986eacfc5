using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Queues;

namespace Lapor.Hub.Channels.Outbox;

/// <summary>The report event a message tells the citizen about, so its delivery shows on the report's history.</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.ReportEventRef")]
public sealed record ReportEventRef([property: Id(0)] string TrackingId, [property: Id(1)] int Sequence);

/// <summary>One message waiting to be delivered. <see cref="Key"/> identifies the event it belongs to: enqueuing it again is a no-op.</summary>
public sealed record OutboxItem(
    string Key,
    OutboundMessage Message,
    ReportEventRef? About,
    DateTimeOffset EnqueuedAt,
    int Attempts = 0,
    DateTimeOffset? NextAttemptAt = null,
    string? LastError = null) : IQueueItem<OutboxItem>
{
    public OutboxItem Attempted(string? error, DateTimeOffset? nextAttemptAt) =>
        this with { Attempts = Attempts + 1, NextAttemptAt = nextAttemptAt, LastError = error };
}

public sealed class OutboxState
{
    public List<OutboxItem> Pending { get; set; } = [];

    /// <summary>Keys of messages already delivered or given up on, newest last; bounded.</summary>
    public List<string> Done { get; set; } = [];

    public DateTimeOffset? LastSentAt { get; set; }

    /// <summary>Messages a provider took and will report on through status callbacks, newest last; bounded like <see cref="Done"/>.</summary>
    public List<SentMessage> Sent { get; set; } = [];
}

/// <summary>
/// A message handed to a provider that sends receipts, with the latest status it reported. <see cref="Message"/> is kept
/// only while a <see cref="ChannelFallback"/> could still need to send it another way.
/// </summary>
public sealed record SentMessage(
    string ProviderMessageId,
    string Key,
    ReportEventRef? About,
    ProviderStatus Status,
    DateTimeOffset At,
    int Attempts,
    string? ErrorCode = null,
    OutboundMessage? Message = null);
