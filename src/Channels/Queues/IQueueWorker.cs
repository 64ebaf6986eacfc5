namespace Lapor.Hub.Channels.Queues;

/// <summary>What a grain owning a <see cref="DurableQueue{TItem}"/> does with its items; the queue does the rest.</summary>
public interface IQueueWorker<TItem>
{
    /// <summary>How long the head must still wait besides its retry time (a channel's pacing per chat); zero if none.</summary>
    TimeSpan PacingDelay(TItem head);

    /// <summary>One attempt at the head: sending it, handling it. Throw only when the grain itself is going away.</summary>
    Task<QueueAttempt> AttemptAsync(TItem item, CancellationToken cancellationToken);

    /// <summary>State changes stored in the same write that takes <paramref name="item"/> off the queue or marks its retry.</summary>
    void Settle(TItem item, QueueStep step);

    /// <summary>After the write: logging, telling others. <paramref name="item"/> carries the attempt just made.</summary>
    Task AfterAsync(TItem item, QueueAttempt attempt, QueueStep step, TimeSpan? retryIn);
}
