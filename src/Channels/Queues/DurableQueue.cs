namespace Lapor.Hub.Channels.Queues;

/// <summary>
/// The durable queue of one grain (a chat's outbox, a chat's inbox): items are stored before they are accepted,
/// worked off in order, one per timer turn (so a call waiting behind the work waits for one item, not the backlog),
/// retried with backoff and given up after <see cref="QueuePolicy.MaxAttempts"/>. A wake-up reminder exists
/// before the first item is stored, so a crash in between or a restart leaves nothing behind; it is removed
/// lazily, by the first tick that finds the queue empty, so a busy chat does not register and remove it per item.
/// </summary>
/// <remarks>
/// The items live in the grain's state (<paramref name="pending"/>), written by <paramref name="save"/>. With
/// <paramref name="acceptWhileWorking"/> the work turns interleave with the grain's other calls, so an item is accepted
/// (stored) while the head is still being worked on; the grain must then write its state only through this queue.
/// <para>
/// With <paramref name="idempotentWork"/> working an item a second time changes nothing (an inbox's items go to a
/// conversation that remembers the message IDs it has handled, and every reply has an outbox key), so taking a worked-off
/// item off the queue is not written at once: the removal rides with the queue's next write (the next accepted item), or
/// is written by the wake-up tick that finds the queue empty, or on deactivation (<see cref="FlushAsync"/>). A crash in
/// between leaves the item stored; it is worked again, to no effect. Retries and given-up items are written at once.
/// See ADR 40.
/// </para>
/// </remarks>
public sealed class DurableQueue<TItem>(
    Grain owner,
    string wakeUpReminder,
    QueuePolicy policy,
    Func<List<TItem>> pending,
    Func<Task> save,
    IQueueWorker<TItem> worker,
    TimeProvider time,
    bool acceptWhileWorking = false,
    bool idempotentWork = false)
    where TItem : class, IQueueItem<TItem>
{
    private readonly SemaphoreSlim _saving = new(1, 1);
    private IGrainTimer? _timer;
    private bool _wakeUpRegistered;
    private bool _working;
    private bool _removalUnsaved;

    private List<TItem> Pending => pending();

    public int Count => Pending.Count;

    public bool Contains(Func<TItem, bool> match) => Pending.Any(match);

    /// <summary>On activation: carry on with what was stored.</summary>
    public void Resume()
    {
        if (Count > 0)
        {
            Schedule(TimeSpan.Zero);
        }
    }

    /// <summary>Stores <paramref name="item"/> at the end. If the write fails the item is not queued and the error is thrown.</summary>
    public async Task AddAsync(TItem item)
    {
        if (!_wakeUpRegistered)
        {
            await owner.RegisterOrUpdateReminder(wakeUpReminder, policy.WakeUpPeriod, policy.WakeUpPeriod);
            _wakeUpRegistered = true;
        }

        Pending.Add(item);
        try
        {
            await SaveAsync();
        }
        catch
        {
            Pending.Remove(item);
            throw;
        }

        // With more than one item a timer is already due: for the head, or for its retry.
        if (Count == 1)
        {
            Schedule(TimeSpan.Zero);
        }
    }

    /// <summary>The wake-up reminder ticked: resume, or remove the reminder once nothing is left.</summary>
    public async Task WakeUpAsync()
    {
        if (Count > 0)
        {
            Schedule(TimeSpan.Zero);
            return;
        }

        // Stored items outlive the reminder that would wake the grain for them: write their removal first.
        await FlushAsync();
        if (await owner.GetReminder(wakeUpReminder) is { } reminder)
        {
            await owner.UnregisterReminder(reminder);
        }

        _wakeUpRegistered = false;
    }

    // The running work turn schedules the next one itself when it ends; replacing its timer now would cancel it.
    private void Schedule(TimeSpan dueTime)
    {
        if (_working)
        {
            return;
        }

        _timer?.Dispose();
        _timer = owner.RegisterGrainTimer(WorkOnHeadAsync,
            new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan) { Interleave = acceptWhileWorking });
    }

    private async Task WorkOnHeadAsync(CancellationToken cancellationToken)
    {
        if (_working || Count == 0)
        {
            return;
        }

        TimeSpan? next;
        _working = true;
        try
        {
            next = await WorkOnceAsync(cancellationToken);
        }
        finally
        {
            _working = false;
        }

        if (next is { } dueTime)
        {
            Schedule(dueTime);
        }
    }

    /// <summary>Works on the head once; when to work again, or null when nothing is left.</summary>
    private async Task<TimeSpan?> WorkOnceAsync(CancellationToken cancellationToken)
    {
        var head = Pending[0];
        var wait = WaitBefore(head);
        if (wait > TimeSpan.Zero)
        {
            return wait;
        }

        var attempt = await worker.AttemptAsync(head, cancellationToken);
        if (attempt.Outcome == AttemptOutcome.RetryLater && policy.RetriesAfter(head.Attempts + 1))
        {
            var retryIn = policy.RetryDelay(head.Attempts + 1, attempt.RetryAfter);
            var retrying = head.Attempted(attempt.Error, time.GetUtcNow() + retryIn);
            Pending[0] = retrying;
            worker.Settle(retrying, QueueStep.Retrying);
            await SaveAsync();
            await worker.AfterAsync(retrying, attempt, QueueStep.Retrying, retryIn);
            return retryIn;
        }

        var step = attempt.Outcome == AttemptOutcome.Done ? QueueStep.Done : QueueStep.GivenUp;
        var settled = head.Attempted(attempt.Error, nextAttemptAt: null);
        Pending.RemoveAt(0);
        worker.Settle(settled, step);
        if (idempotentWork && step == QueueStep.Done)
        {
            _removalUnsaved = true;
        }
        else
        {
            await SaveAsync();
        }

        await worker.AfterAsync(settled, attempt, step, retryIn: null);
        return Count > 0 ? TimeSpan.Zero : null;
    }

    /// <summary>Writes the removals of worked-off items not written yet (see the remarks); on deactivation.</summary>
    public async Task FlushAsync()
    {
        if (_removalUnsaved)
        {
            await SaveAsync();
        }
    }

    // Interleaved turns must not write the grain's state at once (the second write would carry a stale ETag).
    private async Task SaveAsync()
    {
        await _saving.WaitAsync();
        // The state is taken as it is now: a removal made while this write is under way needs a write of its own.
        var removalUnsaved = _removalUnsaved;
        _removalUnsaved = false;
        try
        {
            await save();
        }
        catch
        {
            _removalUnsaved |= removalUnsaved;
            throw;
        }
        finally
        {
            _saving.Release();
        }
    }

    private TimeSpan WaitBefore(TItem head)
    {
        var untilRetry = head.NextAttemptAt is { } next ? next - time.GetUtcNow() : TimeSpan.Zero;
        var pacing = worker.PacingDelay(head);
        return untilRetry > pacing ? untilRetry : pacing;
    }
}
