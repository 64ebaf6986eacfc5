using Lapor.Hub.Channels.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.Telegram.Inbox;

/// <summary>
/// Per chat, so updates of one chat are handled in the order they were accepted and the memory of seen ids
/// stays bounded (<see cref="TelegramOptions.RememberedUpdateIds"/> per chat, not one row per update forever).
/// A reminder exists while anything is pending, so a restart resumes handling; it is removed lazily, by the
/// first tick that finds the inbox empty, so a busy chat does not register and remove it for every update.
/// </summary>
[GrainType("telegram-inbox")]
internal sealed class TelegramInboxGrain(
    [PersistentState("telegram-inbox", GrainStorage.Name)] IPersistentState<TelegramInboxState> stored,
    TelegramUpdateProcessor processor,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramInboxGrain> logger) : Grain, ITelegramInboxGrain, IRemindable
{
    private const string WakeUpReminder = "telegram-inbox-wake-up";
    private const int GivenUpKept = 20;
    private IGrainTimer? _timer;
    private bool _wakeUpRegistered;

    private TelegramInboxState Inbox => stored.State;

    private TelegramOptions Options => options.Value;

    private string ChatId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Inbox.Pending.Count > 0)
        {
            ScheduleHandling(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    public async Task<InboxAcceptance> Accept(long updateId, string updateJson)
    {
        if (UpdateIdWindow.Contains(Inbox.RecentUpdateIds, updateId, Options.RememberedUpdateIds))
        {
            return InboxAcceptance.Duplicate;
        }

        if (Inbox.Pending.Count >= Options.MaxPendingUpdates)
        {
            return InboxAcceptance.Busy;
        }

        // The reminder exists before the update is stored: a crash in between leaves nothing unhandled.
        if (!_wakeUpRegistered)
        {
            await this.RegisterOrUpdateReminder(WakeUpReminder, Options.InboxWakeUpPeriod, Options.InboxWakeUpPeriod);
            _wakeUpRegistered = true;
        }

        UpdateIdWindow.Add(Inbox.RecentUpdateIds, updateId, Options.RememberedUpdateIds);
        Inbox.Pending.Add(new PendingUpdate(updateId, updateJson, time.GetUtcNow()));
        try
        {
            await stored.WriteStateAsync();
        }
        catch
        {
            // Not stored, so not accepted: the redelivery Telegram will make must not look like a duplicate.
            Inbox.Pending.RemoveAt(Inbox.Pending.Count - 1);
            UpdateIdWindow.Remove(Inbox.RecentUpdateIds, updateId, Options.RememberedUpdateIds);
            DeactivateOnIdle();
            throw;
        }

        if (Inbox.Pending.Count == 1)
        {
            ScheduleHandling(TimeSpan.Zero);
        }

        return InboxAcceptance.Accepted;
    }

    public Task<TelegramInboxStatus> GetStatus() =>
        Task.FromResult(new TelegramInboxStatus(Inbox.RecentUpdateIds.Count, Inbox.Pending.Count, Inbox.GivenUp.Count));

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Inbox.Pending.Count > 0)
        {
            ScheduleHandling(TimeSpan.Zero);
        }
        else
        {
            if (await this.GetReminder(reminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            _wakeUpRegistered = false;
        }
    }

    private void ScheduleHandling(TimeSpan dueTime)
    {
        _timer?.Dispose();
        _timer = this.RegisterGrainTimer(HandleNextAsync, dueTime, Timeout.InfiniteTimeSpan);
    }

    // One update per timer turn, so an Accept waiting behind the handler waits for one update, not the backlog.
    private async Task HandleNextAsync(CancellationToken cancellationToken)
    {
        if (Inbox.Pending.Count == 0)
        {
            return;
        }

        var update = Inbox.Pending[0];
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(Options.HandlingTimeout);
        try
        {
            await processor.ProcessAsync(ChatId, update, attempt.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            await RecordFailureAsync(update, e);
            return;
        }

        Inbox.Pending.RemoveAt(0);
        await stored.WriteStateAsync();
        ContinueIfPending();
    }

    private async Task RecordFailureAsync(PendingUpdate update, Exception error)
    {
        var failed = update with { Attempts = update.Attempts + 1, LastError = $"{error.GetType().Name}: {error.Message}" };
        if (failed.Attempts < Options.MaxHandlingAttempts)
        {
            Inbox.Pending[0] = failed;
            await stored.WriteStateAsync();
            var retryIn = RetryDelay(failed.Attempts);
            logger.LogWarning(error, "Telegram update {UpdateId} of chat {ChatId} not handled (attempt {Attempt}); retrying in {RetryIn}",
                update.UpdateId, ChannelAddress.MaskId(ChatId), failed.Attempts, retryIn);
            ScheduleHandling(retryIn);
            return;
        }

        Inbox.Pending.RemoveAt(0);
        Inbox.GivenUp.Add(failed);
        if (Inbox.GivenUp.Count > GivenUpKept)
        {
            Inbox.GivenUp.RemoveRange(0, Inbox.GivenUp.Count - GivenUpKept);
        }

        await stored.WriteStateAsync();
        logger.LogError(error, "Telegram update {UpdateId} of chat {ChatId} given up after {Attempts} attempts; kept in the inbox's GivenUp list",
            update.UpdateId, ChannelAddress.MaskId(ChatId), failed.Attempts);
        ContinueIfPending();
    }

    private void ContinueIfPending()
    {
        if (Inbox.Pending.Count > 0)
        {
            ScheduleHandling(TimeSpan.Zero);
        }
    }

    private TimeSpan RetryDelay(int attempts)
    {
        var delay = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(attempts, 16)));
        return delay < Options.InboxWakeUpPeriod ? delay : Options.InboxWakeUpPeriod;
    }
}
