using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Collections;
using Lapor.Hub.Reports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.Outbox;

/// <summary>
/// Delivers one chat's messages in order: each is stored before the first attempt, retried with backoff
/// (or after the provider's retry_after), paced per chat and per channel, and remembered by key once
/// delivered so the same event is never sent twice. A reminder wakes the outbox while anything is pending,
/// so a restart resumes delivery.
/// </summary>
[GrainType("outbox")]
public sealed class OutboxGrain(
    [PersistentState("outbox", GrainStorage.Name)] IPersistentState<OutboxState> stored,
    IEnumerable<IChannelSender> senders,
    ChannelRateLimiters limiters,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxGrain> logger) : Grain, IOutboxGrain, IRemindable
{
    private const string WakeUpReminder = "outbox-wake-up";
    private ChannelAddress _address = null!;
    private IGrainTimer? _timer;

    private OutboxState Outbox => stored.State;

    private OutboxOptions Options => options.Value;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _address = ChannelAddress.Parse(this.GetPrimaryKeyString());
        if (Outbox.Pending.Count > 0)
        {
            ScheduleDelivery(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    public async Task Enqueue(string key, OutboundMessage message, ReportEventRef? about)
    {
        if (Done.Contains(key) || Outbox.Pending.Any(p => p.Key == key))
        {
            return;
        }

        // The reminder exists before the message is stored: a crash in between leaves nothing undelivered.
        await this.RegisterOrUpdateReminder(WakeUpReminder, Options.WakeUpPeriod, Options.WakeUpPeriod);
        Outbox.Pending.Add(new OutboxItem(key, message, about, time.GetUtcNow()));
        await stored.WriteStateAsync();
        ScheduleDelivery(TimeSpan.Zero);
    }

    public Task<int> CountPending() => Task.FromResult(Outbox.Pending.Count);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Outbox.Pending.Count > 0)
        {
            ScheduleDelivery(TimeSpan.Zero);
        }
        else if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void ScheduleDelivery(TimeSpan dueTime)
    {
        _timer?.Dispose();
        _timer = this.RegisterGrainTimer(DeliverAsync, dueTime, Timeout.InfiniteTimeSpan);
    }

    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        while (Outbox.Pending.Count > 0)
        {
            var item = Outbox.Pending[0];
            var wait = WaitBefore(item);
            if (wait > TimeSpan.Zero)
            {
                ScheduleDelivery(wait);
                return;
            }

            var result = await SendAsync(item, cancellationToken);
            if (result.Status == DeliveryStatus.RetryLater && item.Attempts + 1 < Options.MaxAttempts)
            {
                var retryIn = Max(result.RetryAfter ?? TimeSpan.Zero, Options.RetryDelay(item.Attempts + 1));
                Outbox.Pending[0] = item with
                {
                    Attempts = item.Attempts + 1, NextAttemptAt = time.GetUtcNow() + retryIn, LastError = result.Error,
                };
                await stored.WriteStateAsync();
                await TellReportAsync(Outbox.Pending[0], NotificationStatus.Retrying);
                logger.LogWarning("Message {Key} to {Address} not delivered (attempt {Attempt}): {Error}; retrying in {RetryIn}",
                    item.Key, _address.Masked, item.Attempts + 1, _address.Scrub(result.Error), retryIn);
                ScheduleDelivery(retryIn);
                return;
            }

            var delivered = result.Status == DeliveryStatus.Delivered;
            Outbox.Pending.RemoveAt(0);
            Done.Remember(item.Key);
            if (delivered)
            {
                Outbox.LastSentAt = time.GetUtcNow();
            }

            await stored.WriteStateAsync();
            await TellReportAsync(item with { Attempts = item.Attempts + 1, LastError = result.Error },
                delivered ? NotificationStatus.Delivered : NotificationStatus.Failed);
            if (!delivered)
            {
                logger.LogError("Message {Key} to {Address} given up after {Attempts} attempts: {Error}",
                    item.Key, _address.Masked, item.Attempts + 1, _address.Scrub(result.Error));
            }
        }

        if (await this.GetReminder(WakeUpReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private TimeSpan WaitBefore(OutboxItem item)
    {
        var now = time.GetUtcNow();
        var notBefore = item.NextAttemptAt ?? now;
        if (Outbox.LastSentAt is { } last && Options.PerChatInterval.TryGetValue(_address.Channel, out var interval))
        {
            notBefore = notBefore > last + interval ? notBefore : last + interval;
        }

        return notBefore - now;
    }

    private async Task<DeliveryResult> SendAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        var sender = senders.FirstOrDefault(s => s.Channel == _address.Channel);
        if (sender is null)
        {
            return new DeliveryResult(DeliveryStatus.Failed, Error: $"No sender for channel '{_address.Channel}'.");
        }

        try
        {
            await limiters.WaitAsync(_address.Channel, cancellationToken);
            return await sender.SendAsync(_address, item.Message, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new DeliveryResult(DeliveryStatus.RetryLater, Error: e.Message);
        }
    }

    private async Task TellReportAsync(OutboxItem item, NotificationStatus status)
    {
        if (item.About is not { } about)
        {
            return;
        }

        try
        {
            await GrainFactory.GetGrain<IReportGrain>(about.TrackingId).RecordDelivery(
                new NotificationDelivery(about.Sequence, _address.Channel, status, time.GetUtcNow(), item.Attempts, item.LastError));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not record delivery of {Key} on report {TrackingId}", item.Key, about.TrackingId);
        }
    }

    private RecentKeys<string> Done => RecentKeys<string>.InArrivalOrder(Outbox.Done, Options.RememberedKeys);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
