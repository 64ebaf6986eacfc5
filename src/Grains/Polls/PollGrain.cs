using Lapor.Hub.Agencies;
using Lapor.Hub.Regions;
using Lapor.Hub.Reports;
using Lapor.Hub.Time;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Polls;

/// <summary>
/// One poll. Applies commands and ballots through <see cref="Poll"/>, persists, then brings the query table up to date
/// (after every command and every counted or changed vote: the row's tallies are at most one write behind). Closes
/// itself at the closing time through a reminder (PollGrain.Closing.cs) and announces itself to the channel side when
/// it opens (PollGrain.Announcing.cs). Votes never leave the grain except as tallies and a voter's own <see cref="VoteOf"/>.
/// </summary>
[GrainType("poll")]
public sealed partial class PollGrain(
    [PersistentState("poll", GrainStorage.Name)] IPersistentState<PollState> stored,
    RegionCatalog regions,
    HubClock clock,
    IOptions<DeadlineOptions> reminderOptions,
    IPollReadModel readModel,
    IEnumerable<IPollAnnouncer> announcers,
    ILogger<PollGrain> logger) : Grain, IPollGrain, IRemindable
{
    private Poll _poll = null!;
    private int _syncedVersion = -1;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _poll = new Poll(stored.State);
        await LoadRemindersAsync();
        if (_poll.Exists)
        {
            // Repairs the query table and the reminder if the last activation stopped between writing state and them.
            await ArmClosingAsync();
            await SyncReadModelAsync();
            if (_poll.Status == PollStatus.Open)
            {
                ScheduleAnnouncement();
            }
        }
    }

    public async Task<PollView> SaveDraft(PollDraft draft, Actor actor)
    {
        var agencyCode = Poll.Clean(draft).AgencyCode;
        var agencyKnown = agencyCode.Length > 0 && await GrainFactory.GetGrain<IAgencyGrain>(agencyCode).Get() is not null;
        if (_poll.SaveDraft(this.GetPrimaryKeyString(), draft, actor, clock.UtcNow, regions, _ => agencyKnown))
        {
            await PersistAsync();
            logger.LogInformation("Poll {PollId}: draft saved by {ActorKind} {ActorId} for {AgencyCode}; v{Version}",
                _poll.PollId, actor.Kind, actor.Id, _poll.Definition.AgencyCode, _poll.Version);
        }

        return _poll.View(withResults: true);
    }

    public async Task<PollView> Open(Actor actor)
    {
        if (_poll.Open(actor, clock.UtcNow))
        {
            await ArmClosingAsync();
            await PersistAsync();
            logger.LogInformation("Poll {PollId} opened by {ActorKind} {ActorId}; closes at {ClosesAt}",
                _poll.PollId, actor.Kind, actor.Id, _poll.Definition.ClosesAt);
            ScheduleAnnouncement();
        }

        return _poll.View(withResults: true);
    }

    public async Task<PollView> Close(Actor actor)
    {
        await CloseAsync(actor);
        return _poll.View(withResults: true);
    }

    public async Task<VoteResult> Vote(Ballot ballot)
    {
        var now = clock.UtcNow;
        if (_poll.IsCloseDue(now))
        {
            await CloseAsync(Actor.System);
        }

        var merged = _poll.Exists && _poll.MergeLinkedVote(ballot.Voter);
        var outcome = _poll.Vote(ballot, now);
        if (merged || outcome is VoteOutcome.Counted or VoteOutcome.Changed)
        {
            await PersistAsync();
        }

        if (outcome is VoteOutcome.Throttled)
        {
            logger.LogWarning("Poll {PollId}: a vote change via {Channel} throttled", _poll.PollId, ballot.Voter.Channel);
        }

        var showResults = _poll.Exists && PollAccess.PublicSeesResults(_poll.Status, _poll.Definition.ResultsBeforeClose);
        return new VoteResult(outcome, showResults ? _poll.Results : null);
    }

    public Task<PollView?> Get(Actor? viewer)
    {
        if (!_poll.Exists || !PollAccess.CanSee(_poll.Status, _poll.Definition.AgencyCode, viewer))
        {
            return Task.FromResult<PollView?>(null);
        }

        var withResults = PollAccess.SeesResults(_poll.Status, _poll.Definition.ResultsBeforeClose, _poll.Definition.AgencyCode, viewer);
        return Task.FromResult<PollView?>(_poll.View(withResults));
    }

    public Task<int?> VoteOf(string voterKey) => Task.FromResult(_poll.Exists ? _poll.VoteOf(voterKey) : null);

    private async Task CloseAsync(Actor actor)
    {
        if (_poll.Close(actor, clock.UtcNow))
        {
            await PersistAsync();
            logger.LogInformation("Poll {PollId} closed by {ActorKind} {ActorId} with {Total} votes",
                _poll.PollId, actor.Kind, actor.Id, _poll.Results.Total);
        }

        await RemoveClosingReminderAsync();
    }

    private async Task PersistAsync()
    {
        await EnsureSyncReminderAsync();
        try
        {
            await stored.WriteStateAsync();
        }
        catch
        {
            // The in-memory poll holds a change that was not stored: start over from storage.
            DeactivateOnIdle();
            throw;
        }

        await SyncReadModelAsync();
    }

    private async Task SyncReadModelAsync()
    {
        if (_poll.Version == _syncedVersion)
        {
            return;
        }

        var entry = _poll.ToIndexEntry();
        try
        {
            await readModel.UpsertAsync(entry);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Poll {PollId} v{Version}: query table not updated; will retry from a reminder", entry.PollId, entry.Version);
            await ArmSyncReminderAsync();
            return;
        }

        _syncedVersion = entry.Version;
        await RemoveSyncReminderAsync();
    }
}
