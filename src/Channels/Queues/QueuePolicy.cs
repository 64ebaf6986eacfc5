namespace Lapor.Hub.Channels.Queues;

/// <summary>
/// When a durable queue retries, wakes up and gives up: the one policy of the outbox and the inbound inboxes.
/// The n-th retry waits <see cref="FirstRetryDelay"/> doubled n-1 times, at most <see cref="MaxRetryDelay"/>
/// (or longer if the provider asked so); after <see cref="MaxAttempts"/> failed attempts the item is given up.
/// </summary>
public sealed record QueuePolicy(int MaxAttempts, TimeSpan FirstRetryDelay, TimeSpan MaxRetryDelay, TimeSpan WakeUpPeriod)
{
    // 2^30 times any sensible first delay is past every cap; beyond it the multiplication could overflow.
    private const int LargestDoubling = 30;

    /// <summary>Whether an item that has failed <paramref name="attempts"/> times gets another attempt.</summary>
    public bool RetriesAfter(int attempts) => attempts < MaxAttempts;

    /// <summary>How long to wait after the <paramref name="attempts"/>-th failed attempt; <paramref name="askedFor"/> is the provider's retry_after.</summary>
    public TimeSpan RetryDelay(int attempts, TimeSpan? askedFor = null)
    {
        var doublings = Math.Clamp(attempts - 1, 0, LargestDoubling);
        var delay = FirstRetryDelay * Math.Pow(2, doublings);
        var capped = delay > MaxRetryDelay ? MaxRetryDelay : delay;
        return askedFor is { } asked && asked > capped ? asked : capped;
    }
}
