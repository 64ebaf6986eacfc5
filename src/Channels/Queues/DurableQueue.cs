namespace Lapor.Hub.Channels.Queues;

/// <summary>
/// The durable queue of one grain (a chat's outbox, a chat's inbox): items are stored before they are accepted,
/// worked off in order, one per timer turn (so a call waiting behind the work waits for one item, not the backlog),
/// retried with backoff and given up after <see cref="QueuePolicy.MaxAttempts"/>. A wake-up reminder is registered
/// with the first item, so a crash or a restart leaves nothing behind; it is removed
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
    private readonly List<(TItem Item, Task Storing)> _storing = [];
    private IGrainTimer? _timer;
    private Task? _wakeUp;
    private Task? _write;
    private Task? _nextWrite;
    private bool _turnDue;
    private bool _working;
    private bool _removalUnsaved;

    private List<TItem> Pending => pending();

    public int Count => Pending.Count;

    public bool Contains(Func<TItem, bool> match) => Pending.Any(match);

    /// <summary>
    /// The write of an item being added that <paramref name="match"/> finds, or null: a copy redelivered meanwhile waits
    /// for it, and counts as a duplicate only once the first copy is stored (the task fails if it was not).
    /// </summary>
    public Task? StoringOf(Func<TItem, bool> match) => _storing.Find(entry => match(entry.Item)).Storing;

    /// <summary>On activation: carry on with what was stored.</summary>
    public void Resume()
    {
        if (Count > 0)
        {
            Schedule(TimeSpan.Zero);
        }
    }

    /// <summary>Stores <paramref name="item"/> at the end. If the write fails the item is not queued and the error is thrown.</summary>
    /// <remarks>Calls may interleave: items added while a write is under way share the next write.</remarks>
    public async Task AddAsync(TItem item)
    {
        Pending.Add(item);
        // At once, so they can share a commit. Until both are done the caller has no answer and the provider sends
        // again; that call activates the grain, which carries on with what was stored, reminder or not.
        var storing = Task.WhenAll(EnsureWakeUpAsync(), SaveAsync());
        _storing.Add((item, storing));
        try
        {
            await storing;
        }
        catch
        {
            Pending.Remove(item);
            throw;
        }
        finally
        {
            _storing.RemoveAll(entry => ReferenceEquals(entry.Item, item));
        }

        // Otherwise a turn is already due (for the head, or for its retry) or under way, and schedules the next itself.
        if (!_turnDue && !_working && Count > 0)
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
        // An item being added is registering the reminder: it stays.
        if (Count > 0 || _wakeUp is { IsCompleted: false })
        {
            return;
        }

        if (await owner.GetReminder(wakeUpReminder) is { } reminder)
        {
            await owner.UnregisterReminder(reminder);
        }

        _wakeUp = null;
        // An item added while the reminder was being removed saw it still registered.
        if (Count > 0)
        {
            await EnsureWakeUpAsync();
        }
    }

    // Shared by the items added while it is being registered; a failed registration is tried again by the next item.
    private Task EnsureWakeUpAsync()
    {
        if (_wakeUp is { IsFaulted: true } or { IsCanceled: true })
        {
            _wakeUp = null;
        }

        return _wakeUp ??= owner.RegisterOrUpdateReminder(wakeUpReminder, policy.WakeUpPeriod, policy.WakeUpPeriod);
    }

    // The running work turn schedules the next one itself when it ends; replacing its timer now would cancel it.
    private void Schedule(TimeSpan dueTime)
    {
        if (_working)
        {
            return;
        }

        _timer?.Dispose();
        _turnDue = true;
        _timer = owner.RegisterGrainTimer(WorkOnHeadAsync,
            new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan) { Interleave = acceptWhileWorking });
    }

    private async Task WorkOnHeadAsync(CancellationToken cancellationToken)
    {
        _turnDue = false;
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

    /// <summary>
    /// One write at a time (a second at once would carry a stale ETag). Whoever asks while one is under way shares the
    /// next, which writes the state as it is when it starts, so it covers every change made before it was asked for.
    /// </summary>
    private Task SaveAsync()
    {
        if (_nextWrite is { } shared)
        {
            return shared;
        }

        return _write is { IsCompleted: false } underWay ? _nextWrite = WriteAfterAsync(underWay) : _write = WriteAsync();
    }

    private async Task WriteAfterAsync(Task underWay)
    {
        // Its failure is reported to its own callers; this write is a new try.
        await Task.WhenAny(underWay);
        _nextWrite = null;
        _write = WriteAsync();
        await _write;
    }

    private async Task WriteAsync()
    {
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
    }

    private TimeSpan WaitBefore(TItem head)
    {
        var untilRetry = head.NextAttemptAt is { } next ? next - time.GetUtcNow() : TimeSpan.Zero;
        var pacing = worker.PacingDelay(head);
        return untilRetry > pacing ? untilRetry : pacing;
    }
}
