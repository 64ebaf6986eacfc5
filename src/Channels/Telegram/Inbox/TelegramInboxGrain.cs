using Lapor.Hub.Channels.Inbox;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.Telegram.Inbox;

/// <summary>
/// Per chat, so updates of one chat are handled in the order they were accepted and the memory of seen ids
/// stays bounded (<see cref="TelegramOptions.RememberedUpdateIds"/> per chat, not one row per update forever).
/// Accepted updates wait on a <see cref="DurableQueue{TItem}"/> until the processor has handed them on;
/// those it gives up on are kept in <see cref="TelegramInboxState.GivenUp"/> for the operator.
/// </summary>
[GrainType("telegram-inbox")]
internal sealed class TelegramInboxGrain(
    [PersistentState("telegram-inbox", GrainStorage.Name)] IPersistentState<TelegramInboxState> stored,
    TelegramUpdateProcessor processor,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramInboxGrain> logger) : Grain, ITelegramInboxGrain, IRemindable, IQueueWorker<PendingUpdate>
{
    private const string WakeUpReminder = "telegram-inbox-wake-up";
    private const int GivenUpKept = 20;
    private DurableQueue<PendingUpdate> _queue = null!;

    private TelegramInboxState Inbox => stored.State;

    private TelegramOptions Options => options.Value;

    private string ChatId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _queue = new DurableQueue<PendingUpdate>(
            this, WakeUpReminder, Options.InboxQueuePolicy(), () => Inbox.Pending, stored.WriteStateAsync, this, time,
            acceptWhileWorking: true, idempotentWork: true);
        _queue.Resume();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.FlushAsync();
        }
        catch (Exception e)
        {
            // Handled items still stored are handled again on the next activation, which changes nothing.
            logger.LogWarning(e, "Inbox of Telegram chat {ChatId}: handled items not taken off the stored queue on deactivation", ChannelAddress.MaskId(ChatId));
        }
    }

    public async Task<InboxAcceptance> Accept(long updateId, string updateJson)
    {
        if (_queue.StoringOf(update => update.UpdateId == updateId) is { } storing)
        {
            await storing;
            return InboxAcceptance.Duplicate;
        }

        if (UpdateIdWindow.Contains(Inbox.RecentUpdateIds, updateId, Options.RememberedUpdateIds))
        {
            return InboxAcceptance.Duplicate;
        }

        if (_queue.Count >= Options.MaxPendingUpdates)
        {
            return InboxAcceptance.Busy;
        }

        UpdateIdWindow.Add(Inbox.RecentUpdateIds, updateId, Options.RememberedUpdateIds);
        try
        {
            await _queue.AddAsync(new PendingUpdate(updateId, updateJson, time.GetUtcNow()));
        }
        catch
        {
            // Not stored, so not accepted: the redelivery Telegram will make must not look like a duplicate.
            UpdateIdWindow.Remove(Inbox.RecentUpdateIds, updateId, Options.RememberedUpdateIds);
            DeactivateOnIdle();
            throw;
        }

        return InboxAcceptance.Accepted;
    }

    public Task<TelegramInboxStatus> GetStatus() =>
        Task.FromResult(new TelegramInboxStatus(Inbox.RecentUpdateIds.Count, _queue.Count, Inbox.GivenUp.Count));

    public Task ReceiveReminder(string reminderName, TickStatus status) => _queue.WakeUpAsync();

    TimeSpan IQueueWorker<PendingUpdate>.PacingDelay(PendingUpdate head) => TimeSpan.Zero;

    async Task<QueueAttempt> IQueueWorker<PendingUpdate>.AttemptAsync(PendingUpdate update, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(Options.HandlingTimeout);
        try
        {
            await processor.ProcessAsync(ChatId, update, attempt.Token);
            return QueueAttempt.Done;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return new QueueAttempt(AttemptOutcome.RetryLater, $"{e.GetType().Name}: {e.Message}", Exception: e);
        }
    }

    void IQueueWorker<PendingUpdate>.Settle(PendingUpdate update, QueueStep step)
    {
        if (step != QueueStep.GivenUp)
        {
            return;
        }

        Inbox.GivenUp.Add(update);
        if (Inbox.GivenUp.Count > GivenUpKept)
        {
            Inbox.GivenUp.RemoveRange(0, Inbox.GivenUp.Count - GivenUpKept);
        }
    }

    Task IQueueWorker<PendingUpdate>.AfterAsync(PendingUpdate update, QueueAttempt attempt, QueueStep step, TimeSpan? retryIn)
    {
        if (step == QueueStep.Retrying)
        {
            logger.LogWarning(attempt.Exception, "Telegram update {UpdateId} of chat {ChatId} not handled (attempt {Attempt}); retrying in {RetryIn}",
                update.UpdateId, ChannelAddress.MaskId(ChatId), update.Attempts, retryIn);
        }
        else if (step == QueueStep.GivenUp)
        {
            logger.LogError(attempt.Exception, "Telegram update {UpdateId} of chat {ChatId} given up after {Attempts} attempts; kept in the inbox's GivenUp list",
                update.UpdateId, ChannelAddress.MaskId(ChatId), update.Attempts);
        }

        return Task.CompletedTask;
    }
}
