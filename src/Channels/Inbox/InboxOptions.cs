using Lapor.Hub.Channels.Queues;

namespace Lapor.Hub.Channels.Inbox;

/// <summary>Configuration section "Inbox": how the webhook channels' inboxes remember, hold and retry provider messages.</summary>
public sealed class InboxOptions
{
    public const string SectionName = "Inbox";

    /// <summary>How many provider message IDs each address remembers to refuse redeliveries (Twilio, Meta and gateways retry for hours).</summary>
    public int RememberedMessageIds { get; set; } = 500;

    /// <summary>Accepted messages an address may hold unhandled; past it the webhook answers 503 and the provider retries later.</summary>
    public int MaxPending { get; set; } = 50;

    /// <summary>After this many failed attempts to hand a message on, it is given up and logged as an error.</summary>
    public int MaxHandlingAttempts { get; set; } = 10;

    /// <summary>How long one attempt (fetching media, running the dialog) may take.</summary>
    public TimeSpan HandlingTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a durable reminder wakes an inbox with unhandled messages (after a restart, for instance).</summary>
    public TimeSpan WakeUpPeriod { get; set; } = TimeSpan.FromMinutes(1);

    public QueuePolicy QueuePolicy() => new(MaxHandlingAttempts, TimeSpan.FromSeconds(2), WakeUpPeriod, WakeUpPeriod);
}
