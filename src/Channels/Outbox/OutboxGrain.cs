using Lapor.Hub.Channels.Conversations;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Queues;
using Lapor.Hub.Collections;
using Lapor.Hub.Reports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.Outbox;

/// <summary>
/// Delivers one chat's messages in order through the channel's sender, on a <see cref="DurableQueue{TItem}"/>:
/// each is stored before the first attempt, retried with backoff (or after the provider's retry_after), paced
/// per chat and per channel, and remembered by key once delivered so the same event is never sent twice.
/// </summary>
[GrainType("outbox")]
public sealed class OutboxGrain(
    [PersistentState("outbox", GrainStorage.Name)] IPersistentState<OutboxState> stored,
    IEnumerable<IChannelSender> senders,
    ChannelRateLimiters limiters,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxGrain> logger) : Grain, IOutboxGrain, IRemindable, IQueueWorker<OutboxItem>
{
    private const string WakeUpReminder = "outbox-wake-up";

    /// <summary>How many of the newest sent messages keep their content for a late failure callback to fall back with.</summary>
    private const int FallbackCopiesKept = 100;
    private ChannelAddress _address = null!;
    private DurableQueue<OutboxItem> _queue = null!;

    // The provider message ID of the attempt in flight when the provider will send receipts for it; read by Settle and AfterAsync.
    private string? _awaitingReceipt;

    private OutboxState Outbox => stored.State;

    private OutboxOptions Options => options.Value;

    private RecentKeys<string> Done => RecentKeys<string>.InArrivalOrder(Outbox.Done, Options.RememberedKeys);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _address = ChannelAddress.Parse(this.GetPrimaryKeyString());
        _queue = new DurableQueue<OutboxItem>(this, WakeUpReminder, Options.QueuePolicy(), () => Outbox.Pending, stored.WriteStateAsync, this, time);
        _queue.Resume();
        return Task.CompletedTask;
    }

    public async Task Enqueue(string key, OutboundMessage message, ReportEventRef? about)
    {
        if (Done.Contains(key) || _queue.Contains(p => p.Key == key))
        {
            return;
        }

        await _queue.AddAsync(new OutboxItem(key, message, about, time.GetUtcNow()));
    }

    public Task<int> CountPending() => Task.FromResult(_queue.Count);

    public async Task RecordProviderStatus(string providerMessageId, ProviderStatus status, string? errorCode)
    {
        var index = Outbox.Sent.FindIndex(sent => sent.ProviderMessageId == providerMessageId);
        if (index < 0)
        {
            logger.LogInformation("Status {Status} for unknown message {ProviderMessageId} to {Address}; ignored", status, providerMessageId, _address.Masked);
            return;
        }

        var sent = Outbox.Sent[index] with { Status = status, At = time.GetUtcNow(), ErrorCode = errorCode ?? Outbox.Sent[index].ErrorCode };
        // Delivered is the provider's last word but "read": no fallback will need the message any more.
        sent = status is ProviderStatus.Delivered or ProviderStatus.Read ? sent with { Message = null } : sent;
        Outbox.Sent[index] = sent;
        await stored.WriteStateAsync();
        if (status is ProviderStatus.Undelivered or ProviderStatus.Failed)
        {
            logger.LogWarning("Message {Key} to {Address} {Status} by the provider: error {ErrorCode}", sent.Key, _address.Masked, status, errorCode);
        }

        await TellReportAsync(sent.About, sent.Attempts, ToNotification(status), errorCode is null ? null : $"{status}: {errorCode}");
        if (ChannelFallback.IsFinalFailure(status) && sent.Message is { } message)
        {
            await FallBackAsync(sent.Key, message, sent.About);
        }
    }

    /// <summary>Keeps the state small: only the newest sent messages keep their text for a fallback (the state is written whole).</summary>
    private void ForgetOldFallbackCopies()
    {
        for (var i = 0; i < Outbox.Sent.Count - FallbackCopiesKept; i++)
        {
            if (Outbox.Sent[i].Message is not null)
            {
                Outbox.Sent[i] = Outbox.Sent[i] with { Message = null };
            }
        }
    }

    /// <summary>Hands a message this channel could not deliver for good to the fallback channel's outbox, once.</summary>
    private async Task FallBackAsync(string key, OutboundMessage message, ReportEventRef? about)
    {
        if (ChannelFallback.For(_address, about, senders) is not { } fallback)
        {
            return;
        }

        // A citizen who sent STOP to the SMS number gets nothing by SMS, fallbacks included.
        if ((await GrainFactory.GetConversation(fallback).GetSnapshot()).OptedOut)
        {
            logger.LogInformation("Message {Key} to {Address} not sent by {Fallback}: the citizen stopped SMS", key, _address.Masked, fallback.Masked);
            return;
        }

        logger.LogWarning("Message {Key} to {Address} falls back to {Fallback}", key, _address.Masked, fallback.Masked);
        await GrainFactory.GetOutbox(fallback).Enqueue(ChannelFallback.Key(key), message, about);
    }

    public async Task<bool> Replace(string providerMessageId, string key, OutboundMessage replacement)
    {
        if (Outbox.Sent.Find(sent => sent.ProviderMessageId == providerMessageId) is not { } sent)
        {
            return false;
        }

        await Enqueue(key, replacement, sent.About);
        return true;
    }

    private static NotificationStatus ToNotification(ProviderStatus status) => status switch
    {
        ProviderStatus.Queued => NotificationStatus.Queued,
        ProviderStatus.Sent => NotificationStatus.Sent,
        ProviderStatus.Delivered => NotificationStatus.Delivered,
        ProviderStatus.Read => NotificationStatus.Read,
        ProviderStatus.Undelivered => NotificationStatus.Undelivered,
        _ => NotificationStatus.Failed,
    };

    public Task ReceiveReminder(string reminderName, TickStatus status) => _queue.WakeUpAsync();

    TimeSpan IQueueWorker<OutboxItem>.PacingDelay(OutboxItem head) =>
        Outbox.LastSentAt is { } last && Options.PerChatInterval.TryGetValue(_address.Channel, out var interval)
            ? last + interval - time.GetUtcNow()
            : TimeSpan.Zero;

    async Task<QueueAttempt> IQueueWorker<OutboxItem>.AttemptAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        var sender = senders.FirstOrDefault(s => s.Channel == _address.Channel);
        if (sender is null)
        {
            return new QueueAttempt(AttemptOutcome.GiveUp, $"No sender for channel '{_address.Channel}'.");
        }

        try
        {
            await limiters.WaitAsync(_address.Channel, cancellationToken);
            var result = await sender.SendAsync(_address, item.Message, cancellationToken);
            var outcome = result.Status switch
            {
                DeliveryStatus.Delivered => AttemptOutcome.Done,
                DeliveryStatus.RetryLater => AttemptOutcome.RetryLater,
                _ => AttemptOutcome.GiveUp,
            };
            _awaitingReceipt = result is { AwaitsReceipt: true, ProviderMessageId: { } id } ? id : null;
            return new QueueAttempt(outcome, result.Error, result.RetryAfter);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new QueueAttempt(AttemptOutcome.RetryLater, e.Message);
        }
    }

    void IQueueWorker<OutboxItem>.Settle(OutboxItem item, QueueStep step)
    {
        if (step == QueueStep.Retrying)
        {
            return;
        }

        Done.Remember(item.Key);
        if (step == QueueStep.Done)
        {
            Outbox.LastSentAt = time.GetUtcNow();
            if (_awaitingReceipt is { } providerMessageId)
            {
                var keptForFallback = ChannelFallback.For(_address, item.About, senders) is null ? null : item.Message;
                Outbox.Sent.Add(new SentMessage(providerMessageId, item.Key, item.About, ProviderStatus.Sent, time.GetUtcNow(), item.Attempts,
                    Message: keptForFallback));
                if (Outbox.Sent.Count > Options.RememberedKeys)
                {
                    Outbox.Sent.RemoveRange(0, Outbox.Sent.Count - Options.RememberedKeys);
                }

                ForgetOldFallbackCopies();
            }
        }
    }

    async Task IQueueWorker<OutboxItem>.AfterAsync(OutboxItem item, QueueAttempt attempt, QueueStep step, TimeSpan? retryIn)
    {
        await TellReportAsync(item.About, item.Attempts, step switch
        {
            QueueStep.Done when _awaitingReceipt is not null => NotificationStatus.Sent,
            QueueStep.Done => NotificationStatus.Delivered,
            QueueStep.Retrying => NotificationStatus.Retrying,
            _ => NotificationStatus.Failed,
        }, item.LastError);
        _awaitingReceipt = null;
        if (step == QueueStep.Retrying)
        {
            logger.LogWarning("Message {Key} to {Address} not delivered (attempt {Attempt}): {Error}; retrying in {RetryIn}",
                item.Key, _address.Masked, item.Attempts, _address.Scrub(attempt.Error), retryIn);
        }
        else if (step == QueueStep.GivenUp)
        {
            logger.LogError("Message {Key} to {Address} given up after {Attempts} attempts: {Error}",
                item.Key, _address.Masked, item.Attempts, _address.Scrub(attempt.Error));
            try
            {
                await FallBackAsync(item.Key, item.Message, item.About);
            }
            catch (Exception e)
            {
                // The queue must go on to the next message; the report's history shows this one failed.
                logger.LogError(e, "Message {Key} to {Address} could not fall back", item.Key, _address.Masked);
            }
        }
    }

    private async Task TellReportAsync(ReportEventRef? about, int attempts, NotificationStatus status, string? error)
    {
        if (about is null)
        {
            return;
        }

        try
        {
            await GrainFactory.GetGrain<IReportGrain>(about.TrackingId).RecordDelivery(
                new NotificationDelivery(about.Sequence, _address.Channel, status, time.GetUtcNow(), attempts, error));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not record delivery of event {Sequence} on report {TrackingId}", about.Sequence, about.TrackingId);
        }
    }
}
