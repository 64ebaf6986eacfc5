using Lapor.Hub.Channels.Queues;

namespace Lapor.Hub.Channels.Outbox;

/// <summary>Configuration section "Outbox": pacing and retries of messages to citizens.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>Least time between two messages to the same chat, per channel; defaults come from each channel's <c>ChannelPacing</c>.</summary>
    public Dictionary<string, TimeSpan> PerChatInterval { get; set; } = [];

    /// <summary>Most messages a second on one channel from this silo; defaults come from each channel's <c>ChannelPacing</c>.</summary>
    public Dictionary<string, int> PerChannelPerSecond { get; set; } = [];

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>After this many failed attempts a message is given up on and marked failed on the report.</summary>
    public int MaxAttempts { get; set; } = 20;

    /// <summary>How often a durable reminder wakes an outbox with pending messages (after a restart, for instance).</summary>
    public TimeSpan WakeUpPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many delivered message keys an outbox remembers to refuse duplicates.</summary>
    public int RememberedKeys { get; set; } = 1000;

    /// <summary>The outbox's retry, wake-up and give-up policy.</summary>
    public QueuePolicy QueuePolicy() => new(MaxAttempts, FirstRetryDelay, MaxRetryDelay, WakeUpPeriod);
}
