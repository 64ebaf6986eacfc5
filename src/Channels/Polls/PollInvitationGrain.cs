using Lapor.Hub.Channels.Conversations;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Polls;
using Lapor.Hub.Time;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.Polls;

/// <summary>
/// Invites a poll's audience, page by page through the opt-in register in address order: each chat through its
/// conversation (which refuses if it opted out meanwhile, and queues one outbox message keyed by the poll, so a page done
/// again after a crash invites nobody twice); the cursor and counts are stored after each page. A reminder wakes the job
/// after a restart and it goes on from the stored cursor. It waits for the opening time and stops when the poll closes.
/// </summary>
[GrainType("poll-invitations")]
public sealed class PollInvitationGrain(
    [PersistentState("poll-invitations", GrainStorage.Name)] IPersistentState<PollInvitationState> stored,
    IPollSubscribers subscribers,
    IOptions<PollInvitationOptions> options,
    HubClock clock,
    ILogger<PollInvitationGrain> logger) : Grain, IPollInvitationGrain, IRemindable
{
    private const string KeepGoingReminder = "poll-invitations";
    private IGrainTimer? _timer;

    private string PollId => this.GetPrimaryKeyString();

    private PollInvitationState Job => stored.State;

    private PollInvitationOptions Options => options.Value;

    public async Task Start()
    {
        if (Job.Finished)
        {
            return;
        }

        if (!Job.Requested)
        {
            // Nothing here calls the poll: the poll grain calls Start while it opens.
            Job.Requested = true;
            await stored.WriteStateAsync();
            logger.LogInformation("Invitations for poll {PollId} requested", PollId);
        }

        Schedule(TimeSpan.Zero);
        await this.RegisterOrUpdateReminder(KeepGoingReminder, Options.ReminderPeriod, Options.ReminderPeriod);
    }

    public Task<InvitationProgress> GetProgress() =>
        Task.FromResult(new InvitationProgress(Job.Total, Job.Invited, Job.Skipped, Job.Finished, Job.StartedAt, Job.FinishedAt));

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Job.Finished)
        {
            return UnregisterAsync();
        }

        Schedule(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    private void Schedule(TimeSpan dueTime)
    {
        if (_timer is not null)
        {
            return;
        }

        _timer = this.RegisterGrainTimer(NextPageAsync, new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    /// <summary>One page per tick, so that progress questions get in between pages. The timer is one-shot, disposed only after its page
    /// (disposing it cancels the tick's token).</summary>
    private async Task NextPageAsync(CancellationToken cancellationToken)
    {
        TimeSpan? next;
        try
        {
            next = await InvitePageAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Invitations for poll {PollId}: page after {Cursor} failed; retrying", PollId, Job.Cursor is null ? "start" : ChannelAddress.Parse(Job.Cursor).Masked);
            next = Options.RetryDelay;
            // Memory may be ahead of storage (a cursor, or Finished, whose write failed) or behind it (another activation
            // wrote): go on from what is stored. Redoing a page invites nobody twice (the outbox key is per poll).
            if (!await ReloadAsync())
            {
                next = null; // the keep-going reminder wakes a fresh activation
            }
        }

        var done = _timer;
        _timer = null;
        done?.Dispose();
        if (next is { } due && !Job.Finished)
        {
            Schedule(due);
        }
    }

    /// <summary>Invites one page; returns when to go on (null: the reminder will, e.g. long before the opening).</summary>
    private async Task<TimeSpan?> InvitePageAsync(CancellationToken cancellationToken)
    {
        var poll = await GrainFactory.GetPoll(PollId).Get(null);
        var now = clock.UtcNow;
        if (poll is null || poll.Status == PollStatus.Closed || now >= poll.Definition.ClosesAt)
        {
            await FinishAsync(poll is null ? "the poll is not open" : "the poll closed");
            return null;
        }

        if (poll.Status != PollStatus.Open)
        {
            return null;
        }

        if (now < poll.Definition.OpensAt)
        {
            var wait = poll.Definition.OpensAt - now;
            return wait <= Options.ReminderPeriod ? wait : null;
        }

        if (Job.StartedAt is null)
        {
            Job.Total = await subscribers.CountAsync(poll.Definition.Audience, poll.Definition.AgencyCode, cancellationToken);
            Job.StartedAt = now;
            await stored.WriteStateAsync();
            logger.LogInformation("Invitations for poll {PollId} started: {Total} citizens", PollId, Job.Total);
        }

        var page = await subscribers.PageAsync(poll.Definition.Audience, poll.Definition.AgencyCode, Job.Cursor, Options.PageSize, cancellationToken);
        if (page.Count == 0)
        {
            await FinishAsync("everyone was invited");
            return null;
        }

        var invitation = PollInvitation.Of(poll);
        var outcomes = await Task.WhenAll(page.Select(s => GrainFactory.GetConversation(ChannelAddress.Parse(s.Address)).InviteToPoll(invitation)));
        Job.Invited += outcomes.Count(o => o == InvitationOutcome.Invited);
        Job.Skipped += outcomes.Count(o => o == InvitationOutcome.Skipped);
        Job.Cursor = page[^1].Address;
        await stored.WriteStateAsync();
        return TimeSpan.Zero;
    }

    private async Task<bool> ReloadAsync()
    {
        try
        {
            await stored.ReadStateAsync();
            return true;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Invitations for poll {PollId}: state could not be read again; deactivating", PollId);
            DeactivateOnIdle();
            return false;
        }
    }

    private async Task FinishAsync(string why)
    {
        Job.Finished = true;
        Job.FinishedAt = clock.UtcNow;
        await stored.WriteStateAsync();
        logger.LogInformation("Invitations for poll {PollId} finished ({Why}): {Invited} invited, {Skipped} skipped", PollId, why, Job.Invited, Job.Skipped);
        await UnregisterAsync();
    }

    private async Task UnregisterAsync()
    {
        if (await this.GetReminder(KeepGoingReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}

public sealed class PollInvitationState
{
    public bool Requested { get; set; }

    public int Total { get; set; }

    public int Invited { get; set; }

    public int Skipped { get; set; }

    /// <summary>The address of the last chat of the last page done; the next page starts after it.</summary>
    public string? Cursor { get; set; }

    public bool Finished { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>Configuration section "Polls:Invitations".</summary>
public sealed class PollInvitationOptions
{
    public const string SectionName = "Polls:Invitations";

    /// <summary>Chats invited at once; the cursor is stored after each page.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>How often a reminder makes sure the job goes on (after a restart, or to wait for the opening); at least Silo:Reminders:MinimumReminderPeriod.</summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Starts a poll's invitation job when the poll opens (and again after restarts: <see cref="IPollInvitationGrain.Start"/> is idempotent).</summary>
public sealed class PollInvitationAnnouncer(IGrainFactory grains) : IPollAnnouncer
{
    public Task AnnounceAsync(PollView poll) => grains.GetPollInvitations(poll.PollId).Start();
}
