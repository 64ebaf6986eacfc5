using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Queues;
using Lapor.Hub.Collections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.Inbox;

/// <summary>
/// Per address, so one citizen's messages are handled in the order they were accepted and the memory of seen IDs stays
/// bounded. Accepted messages wait on a <see cref="DurableQueue{TItem}"/> until their provider's processor has handed
/// them on; those it gives up on are kept in <see cref="ChannelInboxState.GivenUp"/> for the operator.
/// </summary>
[GrainType("channel-inbox")]
internal sealed class ChannelInboxGrain(
    [PersistentState("channel-inbox", GrainStorage.Name)] IPersistentState<ChannelInboxState> stored,
    IEnumerable<IInboundProcessor> processors,
    IOptions<InboxOptions> options,
    TimeProvider time,
    ILogger<ChannelInboxGrain> logger) : Grain, IChannelInboxGrain, IRemindable, IQueueWorker<PendingInbound>
{
    private const string WakeUpReminder = "channel-inbox-wake-up";
    private const int GivenUpKept = 20;
    private ChannelAddress _address = null!;
    private DurableQueue<PendingInbound> _queue = null!;

    private ChannelInboxState Inbox => stored.State;

    private InboxOptions Options => options.Value;

    private RecentKeys<string> Seen => RecentKeys<string>.InArrivalOrder(Inbox.RecentMessageIds, Options.RememberedMessageIds);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _address = ChannelAddress.Parse(this.GetPrimaryKeyString());
        _queue = new DurableQueue<PendingInbound>(this, WakeUpReminder, Options.QueuePolicy(), () => Inbox.Pending, stored.WriteStateAsync, this, time,
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
            logger.LogWarning(e, "Inbox of {Address}: handled items not taken off the stored queue on deactivation", _address.Masked);
        }
    }

    public async Task<InboxAcceptance> Accept(InboundEnvelope envelope)
    {
        if (_queue.StoringOf(pending => pending.Envelope.MessageId == envelope.MessageId) is { } storing)
        {
            await storing;
            return InboxAcceptance.Duplicate;
        }

        if (Seen.Contains(envelope.MessageId))
        {
            return InboxAcceptance.Duplicate;
        }

        if (_queue.Count >= Options.MaxPending)
        {
            return InboxAcceptance.Busy;
        }

        Seen.Remember(envelope.MessageId);
        try
        {
            await _queue.AddAsync(new PendingInbound(envelope));
        }
        catch
        {
            // Not stored, so not accepted: the provider's redelivery must not look like a duplicate.
            Seen.Forget(envelope.MessageId);
            DeactivateOnIdle();
            throw;
        }

        return InboxAcceptance.Accepted;
    }

    public Task<ChannelInboxStatus> GetStatus() =>
        Task.FromResult(new ChannelInboxStatus(Inbox.RecentMessageIds.Count, _queue.Count, Inbox.GivenUp.Count));

    public Task ReceiveReminder(string reminderName, TickStatus status) => _queue.WakeUpAsync();

    TimeSpan IQueueWorker<PendingInbound>.PacingDelay(PendingInbound head) => TimeSpan.Zero;

    async Task<QueueAttempt> IQueueWorker<PendingInbound>.AttemptAsync(PendingInbound pending, CancellationToken cancellationToken)
    {
        var processor = processors.FirstOrDefault(p => p.Provider == pending.Envelope.Provider);
        if (processor is null)
        {
            return new QueueAttempt(AttemptOutcome.GiveUp, $"No processor for provider '{pending.Envelope.Provider}'.");
        }

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(Options.HandlingTimeout);
        try
        {
            await processor.ProcessAsync(_address, pending, attempt.Token);
            return QueueAttempt.Done;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return new QueueAttempt(AttemptOutcome.RetryLater, $"{e.GetType().Name}: {e.Message}", Exception: e);
        }
    }

    void IQueueWorker<PendingInbound>.Settle(PendingInbound pending, QueueStep step)
    {
        if (step != QueueStep.GivenUp)
        {
            return;
        }

        Inbox.GivenUp.Add(pending);
        if (Inbox.GivenUp.Count > GivenUpKept)
        {
            Inbox.GivenUp.RemoveRange(0, Inbox.GivenUp.Count - GivenUpKept);
        }
    }

    Task IQueueWorker<PendingInbound>.AfterAsync(PendingInbound pending, QueueAttempt attempt, QueueStep step, TimeSpan? retryIn)
    {
        if (step == QueueStep.Retrying)
        {
            logger.LogWarning(attempt.Exception, "{Provider} message {MessageId} from {Address} not handled (attempt {Attempt}); retrying in {RetryIn}",
                pending.Envelope.Provider, pending.Envelope.MessageId, _address.Masked, pending.Attempts, retryIn);
        }
        else if (step == QueueStep.GivenUp)
        {
            logger.LogError(attempt.Exception, "{Provider} message {MessageId} from {Address} given up after {Attempts} attempts: {Error}",
                pending.Envelope.Provider, pending.Envelope.MessageId, _address.Masked, pending.Attempts, _address.Scrub(attempt.Error));
        }

        return Task.CompletedTask;
    }
}
