namespace Lapor.Hub.Channels.Queues;

/// <summary>An item of a <see cref="DurableQueue{TItem}"/>: it counts its attempts and remembers when to try again.</summary>
public interface IQueueItem<out TSelf>
    where TSelf : IQueueItem<TSelf>
{
    int Attempts { get; }

    DateTimeOffset? NextAttemptAt { get; }

    string? LastError { get; }

    /// <summary>This item after one more attempt that ended with <paramref name="error"/> (null: it succeeded).</summary>
    TSelf Attempted(string? error, DateTimeOffset? nextAttemptAt);
}

public enum AttemptOutcome
{
    /// <summary>Done with (delivered, handled): it leaves the queue.</summary>
    Done,

    /// <summary>Failed for now: retried later unless the policy has run out of attempts.</summary>
    RetryLater,

    /// <summary>Failed for good (no sender for the channel, for instance): given up at once.</summary>
    GiveUp,
}

/// <summary>How one attempt went. <see cref="RetryAfter"/> is a provider's own retry_after.</summary>
public sealed record QueueAttempt(AttemptOutcome Outcome, string? Error = null, TimeSpan? RetryAfter = null, Exception? Exception = null)
{
    public static QueueAttempt Done { get; } = new(AttemptOutcome.Done);
}

/// <summary>What became of the item at the head of the queue after an attempt.</summary>
public enum QueueStep { Done, Retrying, GivenUp }
